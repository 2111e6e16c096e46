package org.annotationlab.training.contract;

import java.util.Map;

/**
 * A run's entity-level scores on its held-out sentences (exact span match), as nlp-runner writes
 * them to {@link RunFiles#METRICS} and {@code TrainingSucceeded} carries them.
 *
 * @param perLabel            each label's scores, with its support
 * @param trainSentences      sentences trained on
 * @param validationSentences held-out sentences scored
 * @param entities            entity mentions in the training set (both parts of the split)
 * @param trainingSetSha256   SHA-256 of the training set file as nlp-runner read it
 */
public record Metrics(Score micro, Score macro, Map<String, Score> perLabel, int trainSentences,
        int validationSentences, long entities, String trainingSetSha256) {

    /** Precision, recall and F1; {@code support} = gold mentions (0 for micro and macro). */
    public record Score(double precision, double recall, double f1, int support) {
    }
}
