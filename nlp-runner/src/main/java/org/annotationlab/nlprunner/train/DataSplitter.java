package org.annotationlab.nlprunner.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.annotationlab.nlprunner.conll.ConllSentence;

/**
 * Splits sentences into a training and a validation part with a seeded shuffle, so the same
 * data and seed always give the same split. Both parts keep the input order of their sentences.
 * Does not modify the list it is given.
 */
public final class DataSplitter {

    /** The two parts of a split. */
    public record Split(List<ConllSentence> training, List<ConllSentence> validation) {
    }

    private DataSplitter() {
    }

    /**
     * Holds out {@code round(size * validationShare)} sentences (at least one when the share is
     * positive and there are two or more sentences).
     */
    public static Split split(List<ConllSentence> sentences, double validationShare, long seed) {
        int n = sentences.size();
        int held = (int) Math.round(n * validationShare);
        if (validationShare > 0 && held == 0 && n > 1) {
            held = 1;
        }
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        boolean[] validation = new boolean[n];
        for (int i = 0; i < held; i++) {
            validation[order.get(i)] = true;
        }
        List<ConllSentence> trainingPart = new ArrayList<>(n - held);
        List<ConllSentence> validationPart = new ArrayList<>(held);
        for (int i = 0; i < n; i++) {
            (validation[i] ? validationPart : trainingPart).add(sentences.get(i));
        }
        return new Split(List.copyOf(trainingPart), List.copyOf(validationPart));
    }
}
