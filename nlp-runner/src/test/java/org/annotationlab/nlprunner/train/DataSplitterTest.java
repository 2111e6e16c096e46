package org.annotationlab.nlprunner.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.annotationlab.nlprunner.conll.ConllSentence;
import org.junit.jupiter.api.Test;

class DataSplitterTest {

    private static List<ConllSentence> sentences(int n) {
        List<ConllSentence> sentences = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sentences.add(new ConllSentence(List.of("s" + i), List.of("O")));
        }
        return sentences;
    }

    @Test
    void sameSeedGivesTheSameSplit() {
        List<ConllSentence> data = sentences(100);

        assertEquals(DataSplitter.split(data, 0.2, 42), DataSplitter.split(data, 0.2, 42));
    }

    @Test
    void differentSeedsGiveDifferentSplits() {
        List<ConllSentence> data = sentences(100);

        assertNotEquals(DataSplitter.split(data, 0.2, 1).validation(), DataSplitter.split(data, 0.2, 2).validation());
    }

    @Test
    void partsAreDisjointCompleteSizedByTheShareAndKeepInputOrder() {
        List<ConllSentence> data = sentences(101);

        DataSplitter.Split split = DataSplitter.split(data, 0.2, 7);

        assertEquals(20, split.validation().size());
        assertEquals(81, split.training().size());
        Set<ConllSentence> all = new HashSet<>(split.training());
        all.addAll(split.validation());
        assertEquals(101, all.size());
        assertTrue(isInInputOrder(data, split.training()) && isInInputOrder(data, split.validation()));
    }

    @Test
    void zeroShareHoldsNothingOutAndTinyPositiveShareHoldsOutOne() {
        assertEquals(0, DataSplitter.split(sentences(30), 0, 1).validation().size());
        assertEquals(1, DataSplitter.split(sentences(30), 0.001, 1).validation().size());
    }

    private static boolean isInInputOrder(List<ConllSentence> data, List<ConllSentence> part) {
        int last = -1;
        for (ConllSentence sentence : part) {
            int index = data.indexOf(sentence);
            if (index <= last) {
                return false;
            }
            last = index;
        }
        return true;
    }
}
