package org.annotationlab.training.contract;

import java.util.List;
import java.util.Map;

/**
 * A run's entity-level scores (exact span match), as nlp-runner writes them to
 * {@link RunFiles#METRICS} and {@code TrainingSucceeded} carries them: on its held-out validation
 * sentences, and on the project's test set when it has one.
 *
 * @param micro               validation: micro average over all mentions
 * @param macro               validation: mean of the per-label scores
 * @param perLabel            validation: each label's scores, with its support
 * @param trainSentences      sentences trained on
 * @param validationSentences held-out sentences scored
 * @param entities            entity mentions in the training set (both parts of the split)
 * @param trainingSetSha256   SHA-256 of the training set file as nlp-runner read it
 * @param test                the scores on the test set; null when the run had none (no test
 *                            task with a submitted completion), the validation scores then stand
 * @param baseline            the model the project deployed when the run was staged, scored on the
 *                            same test set by the same code: what the quality gate compares the run
 *                            with; null without a test set or a deployed model of the project
 * @param curve               a train-curve run's points (issue 23 §3): the same training on 25, 50
 *                            and 75 % of its sentences, each scored as the run is; the run's own
 *                            scores are the 100 % point. Null for an ordinary run
 */
public record Metrics(Score micro, Score macro, Map<String, Score> perLabel, int trainSentences,
        int validationSentences, long entities, String trainingSetSha256, TestScores test, Baseline baseline,
        List<CurvePoint> curve) {

    /** Scores without a test set. */
    public Metrics(Score micro, Score macro, Map<String, Score> perLabel, int trainSentences,
            int validationSentences, long entities, String trainingSetSha256) {
        this(micro, macro, perLabel, trainSentences, validationSentences, entities, trainingSetSha256, null, null, null);
    }

    /** An ordinary run's scores (no curve). */
    public Metrics(Score micro, Score macro, Map<String, Score> perLabel, int trainSentences,
            int validationSentences, long entities, String trainingSetSha256, TestScores test, Baseline baseline) {
        this(micro, macro, perLabel, trainSentences, validationSentences, entities, trainingSetSha256, test, baseline, null);
    }

    /**
     * One point of a train curve: a model trained, with the run's parameters and seed, on the first
     * {@code fraction} of the run's training sentences (in the seeded order the run shuffles them).
     *
     * @param fraction       share of the training sentences, e.g. 0.25
     * @param trainSentences sentences it trained on
     * @param onTest         whether {@code micro} is on the test set (else on the validation sentences,
     *                       when the run has no test set)
     * @param micro          its micro-averaged entity scores
     */
    public record CurvePoint(double fraction, int trainSentences, boolean onTest, Score micro) {
    }

    /** Precision, recall and F1; {@code support} = gold mentions (0 for micro and macro). */
    public record Score(double precision, double recall, double f1, int support) {
    }

    /**
     * The trained pipeline's scores on the project's test set, scored as the model server tags:
     * raw task text in, character spans out, compared with the gold spans (exact start, end and
     * label).
     *
     * @param tasks    test tasks scored (one selected completion each)
     * @param entities gold spans in them
     * @param sha256   SHA-256 of the test set file as nlp-runner read it
     */
    public record TestScores(int tasks, long entities, String sha256, Score micro, Score macro,
            Map<String, Score> perLabel) {
    }

    /**
     * Another model's scores on the run's test set.
     *
     * @param model the model's registry name ({@code <slug>_ner_v<n>})
     * @param test  its scores, over the same tasks (same SHA-256) as the run's own
     */
    public record Baseline(String model, TestScores test) {
    }
}
