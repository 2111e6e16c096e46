package org.annotationlab.nlprunner.train;

import java.util.List;

import org.annotationlab.nlprunner.conll.ConllSentence;

/**
 * The minimum a training set must hold before a run is worth starting: at least
 * {@value #MIN_SENTENCES} sentences and at least {@value #MIN_ENTITIES} entity mentions.
 * Below that a BiLSTM-CRF learns nothing useful and the held-out evaluation is noise, so the
 * run fails fast with {@link FailureReason#INSUFFICIENT_DATA} instead of training.
 */
public final class DataSufficiency {

    /** Minimum number of sentences in the training set. */
    public static final int MIN_SENTENCES = 20;
    /** Minimum number of entity mentions (B- chunks) in the training set. */
    public static final int MIN_ENTITIES = 10;

    private DataSufficiency() {
    }

    /** Fails with INSUFFICIENT_DATA when the sentences are below either threshold. */
    public static void check(List<ConllSentence> sentences) throws TrainingFailure {
        if (sentences.size() < MIN_SENTENCES) {
            throw new TrainingFailure(FailureReason.INSUFFICIENT_DATA, "the training set has "
                    + sentences.size() + " sentences; at least " + MIN_SENTENCES + " are needed");
        }
        long entities = entityCount(sentences);
        if (entities < MIN_ENTITIES) {
            throw new TrainingFailure(FailureReason.INSUFFICIENT_DATA, "the training set has "
                    + entities + " entity mentions; at least " + MIN_ENTITIES + " are needed");
        }
    }

    /** Number of entity mentions over all sentences. */
    public static long entityCount(List<ConllSentence> sentences) {
        return sentences.stream().mapToLong(s -> s.entities().size()).sum();
    }
}
