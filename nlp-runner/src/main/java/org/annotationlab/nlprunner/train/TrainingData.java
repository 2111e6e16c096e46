package org.annotationlab.nlprunner.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.annotationlab.nlprunner.conll.ConllFormatException;
import org.annotationlab.nlprunner.conll.ConllParser;
import org.annotationlab.nlprunner.conll.ConllSentence;
import org.annotationlab.training.contract.DataSufficiency;
import org.annotationlab.training.contract.FailureReason;
import org.annotationlab.training.contract.RunFiles;
import org.annotationlab.training.contract.TrainingParameters;

/**
 * The sentences of a run, read and checked: the training part, the held-out validation part
 * (a seeded split, or a separate {@code --validation-set}) and the training set's hash.
 */
record TrainingData(String location, String sha256, List<ConllSentence> training, List<ConllSentence> validation,
                    boolean separateValidationSet) {

    /** Reads the training (and validation) set named by the request and checks it is enough. */
    static TrainingData load(TrainRequest request, TrainingParameters parameters, Path work)
            throws TrainingFailure, IOException {
        Path file = TrainingSetSource.resolve(request.trainingSet(), work.resolve(RunFiles.TRAINING_SET));
        String sha256 = TrainingSetSource.sha256(file);
        List<ConllSentence> sentences = parse(file, "training set " + request.trainingSet());
        Optional<String> shortfall = DataSufficiency.shortfall(sentences.size(), entities(sentences));
        if (shortfall.isPresent()) {
            throw new TrainingFailure(FailureReason.INSUFFICIENT_DATA, shortfall.get());
        }
        if (request.validationSet().isPresent()) {
            String location = request.validationSet().get();
            List<ConllSentence> validation = parse(TrainingSetSource.resolve(location, work.resolve("validation-set.conll")),
                    "validation set " + location);
            return new TrainingData(request.trainingSet(), sha256, sentences, validation, true);
        }
        DataSplitter.Split split = DataSplitter.split(sentences, parameters.validationSplit(), parameters.seed());
        return new TrainingData(request.trainingSet(), sha256, split.training(), split.validation(), false);
    }

    private static List<ConllSentence> parse(Path file, String what) throws TrainingFailure, IOException {
        try {
            return new ConllParser().parse(file);
        } catch (ConllFormatException e) {
            throw TrainingFailure.invalid(what + " is not valid CoNLL: " + e.getMessage());
        }
    }

    /** Entity mentions (B- chunks) over all the sentences. */
    static long entities(List<ConllSentence> sentences) {
        return sentences.stream().mapToLong(s -> s.entities().size()).sum();
    }

    /** Every sentence's text, training and validation: all of it may feed unsupervised embeddings. */
    List<ConllSentence> allTexts() {
        List<ConllSentence> all = new ArrayList<>(training);
        all.addAll(validation);
        return all;
    }

    TrainingArtifacts.DataFacts facts() {
        return new TrainingArtifacts.DataFacts(training.size(), validation.size(),
                entities(training) + (separateValidationSet ? 0 : entities(validation)),
                sha256);
    }

    /** Writes the parameters and the data facts to the log. */
    void describe(TrainingLog log, TrainingParameters parameters) {
        log.line("nlp-runner train");
        log.line("Parameters: " + parameters);
        log.line("Training set: " + location + " (sha256 " + sha256 + ")");
        log.line(String.format("Sentences: %d for training, %d for validation (%s); entity mentions: %d in training",
                training.size(), validation.size(),
                separateValidationSet ? "separate validation set" : "seeded split " + parameters.validationSplit(),
                entities(training)));
        log.line("Tags: " + BundledGraphs.tags(training) + "; distinct characters: "
                + BundledGraphs.distinctChars(training));
    }
}
