package org.annotationlab.training.contract;

/**
 * The files of one run's folder in the model store, which training-service and nlp-runner both
 * read and write (and deploy-service loads models from): what the service stages before the run
 * and what nlp-runner leaves behind.
 */
public final class RunFiles {

    /** Staged: the CoNLL training set exported by annotation-service. */
    public static final String TRAINING_SET = "training-set.conll";
    /**
     * Staged: the project's test set exported by annotation-service (NDJSON of raw text and
     * character spans; empty when no test task has a submitted completion).
     */
    public static final String TEST_SET = "test-set.jsonl";
    /** Staged: the project's task texts but the test tasks', for learning word vectors. */
    public static final String UNLABELLED = "unlabelled.txt";
    /** Staged: the run's {@link TrainingParameters} as a JSON object. */
    public static final String PARAMS = "params.json";
    /** Written while training: one {@link ProgressEvent} per line. */
    public static final String PROGRESS = "progress.jsonl";
    /** Written: the human-readable training log. */
    public static final String LOG = "training.log";
    /** Written on success: the {@link Metrics}. */
    public static final String METRICS = "metrics.json";
    /** Written on success: the entity labels the model predicts, a JSON array of strings. */
    public static final String LABELS = "labels.json";
    /** Written on success: the saved Spark NLP pipeline (a folder). */
    public static final String MODEL = "model";

    private RunFiles() {
    }
}
