package org.annotationlab.nlprunner.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.annotationlab.nlprunner.cli.Options;
import org.annotationlab.nlprunner.serve.ModelSpec;

/**
 * The arguments of {@code nlp-runner train}.
 *
 * @param trainingSet    CoNLL training set: a file path or an http(s) URL
 * @param params         the params.json file
 * @param output         output directory (created if missing)
 * @param embeddings     optional GloVe-format vectors file; without it vectors are learned
 * @param unlabelled     optional plain-text file of extra texts for learning vectors
 * @param validationSet  optional CoNLL file used for evaluation instead of a split
 * @param testSet        optional test set (annotation-service's NDJSON export: raw text and
 *                       character spans), scored after training through the serving path
 * @param baselineModel  optional {@code name=path}: the model the project deploys now, scored on
 *                       the same test set after the run's own model, for the quality gate
 * @param terminationLog optional file receiving the one-line termination message
 * @param curve          a train curve's fractions ({@code --curve 0.25,0.5,0.75}: each in (0, 1),
 *                       increasing), trained and scored before the whole set; empty for an ordinary run
 */
public record TrainRequest(String trainingSet, Path params, Path output, Optional<Path> embeddings,
                           Optional<Path> unlabelled, Optional<String> validationSet, Optional<Path> testSet,
                           Optional<ModelSpec> baselineModel, Optional<Path> terminationLog, List<Double> curve) {

    static final String TERMINATION_LOG = "termination-log";
    static final String PROGRESS_FILE = "progress-file";
    private static final Set<String> OPTIONS = Set.of("training-set", "params", "output", "embeddings",
            "unlabelled", "validation-set", "test-set", "baseline-model", "curve", TERMINATION_LOG, PROGRESS_FILE);

    /** Parses and checks the command line (files are checked when they are read). */
    public static TrainRequest parse(List<String> args) throws TrainingFailure {
        try {
            Options options = Options.parse(args, OPTIONS);
            return new TrainRequest(
                    options.require("training-set"),
                    Path.of(options.require("params")),
                    Path.of(options.require("output")),
                    options.get("embeddings").map(Path::of),
                    options.get("unlabelled").map(Path::of),
                    options.get("validation-set"),
                    options.get("test-set").map(Path::of),
                    options.get("baseline-model").map(TrainRequest::baseline),
                    options.get(TERMINATION_LOG).map(Path::of),
                    options.get("curve").map(TrainRequest::fractions).orElse(List.of()));
        } catch (IllegalArgumentException e) {
            throw TrainingFailure.invalid(e.getMessage());
        }
    }

    private static List<Double> fractions(String value) {
        List<Double> fractions = new java.util.ArrayList<>();
        for (String part : value.split(",")) {
            double fraction;
            try {
                fraction = Double.parseDouble(part.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--curve takes fractions such as 0.25,0.5,0.75, not " + value);
            }
            if (!(fraction > 0 && fraction < 1) || (!fractions.isEmpty() && fraction <= fractions.get(fractions.size() - 1))) {
                throw new IllegalArgumentException("--curve fractions must increase, each above 0 and below 1: " + value);
            }
            fractions.add(fraction);
        }
        return List.copyOf(fractions);
    }

    private static ModelSpec baseline(String value) {
        List<ModelSpec> specs = ModelSpec.parseList(value);
        if (specs.size() != 1) {
            throw new IllegalArgumentException("--baseline-model takes one name=path, got " + specs.size());
        }
        return specs.get(0);
    }
}
