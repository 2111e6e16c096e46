package org.annotationlab.nlprunner.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.annotationlab.nlprunner.conll.ConllSentence;
import org.junit.jupiter.api.Test;

class DataSufficiencyTest {

    private static List<ConllSentence> sentences(int count, int withEntity) {
        List<ConllSentence> sentences = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sentences.add(new ConllSentence(List.of("a", "b"), List.of(i < withEntity ? "B-D" : "O", "O")));
        }
        return sentences;
    }

    @Test
    void enoughSentencesAndEntitiesPass() {
        assertDoesNotThrow(() -> DataSufficiency.check(
                sentences(DataSufficiency.MIN_SENTENCES, DataSufficiency.MIN_ENTITIES)));
    }

    @Test
    void tooFewSentencesIsInsufficientData() {
        TrainingFailure failure = assertThrows(TrainingFailure.class,
                () -> DataSufficiency.check(sentences(DataSufficiency.MIN_SENTENCES - 1, 19)));

        assertEquals(FailureReason.INSUFFICIENT_DATA, failure.reason());
    }

    @Test
    void tooFewEntitiesIsInsufficientData() {
        TrainingFailure failure = assertThrows(TrainingFailure.class,
                () -> DataSufficiency.check(sentences(100, DataSufficiency.MIN_ENTITIES - 1)));

        assertEquals(FailureReason.INSUFFICIENT_DATA, failure.reason());
        assertEquals(true, failure.getMessage().contains("9 entity mentions"), failure.getMessage());
    }
}
