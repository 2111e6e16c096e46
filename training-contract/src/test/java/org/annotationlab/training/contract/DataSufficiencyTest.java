package org.annotationlab.training.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DataSufficiencyTest {

    @Test
    void theThresholdsThemselvesAreEnough() {
        assertEquals(Optional.empty(), DataSufficiency.shortfall(DataSufficiency.MIN_SENTENCES, DataSufficiency.MIN_ENTITIES));
    }

    @Test
    void tooFewSentencesIsSaidFirstThenTooFewEntities() {
        assertEquals(Optional.of("the training set has 19 sentences; at least 20 are needed"),
                DataSufficiency.shortfall(19, 0));
        assertEquals(Optional.of("the training set has 9 entity mentions; at least 10 are needed"),
                DataSufficiency.shortfall(100, 9));
    }
}
