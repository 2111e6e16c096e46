package org.annotationlab.nlprunner.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.annotationlab.nlprunner.cli.Options;

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
 * @param terminationLog optional file receiving the one-line termination message
 */
public record TrainRequest(String trainingSet, Path params, Path output, Optional<Path> embeddings,
                           Optional<Path> unlabelled, Optional<String> validationSet, Optional<Path> testSet,
                           Optional<Path> terminationLog) {

    static final String TERMINATION_LOG = "termination-log";
    static final String PROGRESS_FILE = "progress-file";
    private static final Set<String> OPTIONS = Set.of("training-set", "params", "output", "embeddings",
            "unlabelled", "validation-set", "test-set", TERMINATION_LOG, PROGRESS_FILE);

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
                    options.get(TERMINATION_LOG).map(Path::of));
        } catch (IllegalArgumentException e) {
            throw TrainingFailure.invalid(e.getMessage());
        }
    }
}
