package org.annotationlab.training.contract;

import java.util.Optional;

/**
 * The least a training set must hold before a run is worth starting: {@value #MIN_SENTENCES}
 * sentences (one per completion) and {@value #MIN_ENTITIES} entity mentions. Below that a
 * BiLSTM-CRF learns nothing useful and the held-out evaluation is noise. Train Now warns with it,
 * training-service checks the staged set with it before launching, nlp-runner checks what it read.
 */
public final class DataSufficiency {

    /** Fewest sentences a training set may have. */
    public static final int MIN_SENTENCES = 20;
    /** Fewest entity mentions a training set may have. */
    public static final int MIN_ENTITIES = 10;

    private DataSufficiency() {
    }

    /** Why a training set of this size is too small, or empty when it is enough. */
    public static Optional<String> shortfall(long sentences, long entities) {
        if (sentences < MIN_SENTENCES) {
            return Optional.of("the training set has " + sentences + " sentences; at least " + MIN_SENTENCES
                    + " are needed");
        }
        if (entities < MIN_ENTITIES) {
            return Optional.of("the training set has " + entities + " entity mentions; at least " + MIN_ENTITIES
                    + " are needed");
        }
        return Optional.empty();
    }
}
