package org.annotationlab.nlprunner.serve;

import java.util.List;

/**
 * How unsure a model is of its tags for one text, under the three measures uncertainty sampling
 * uses for sequence labelling (Settles and Craven 2008; Shen et al. 2017). Each is higher for a
 * more uncertain text and 0 for a text without tokens. The best path's probability is taken as
 * the product of each token's probability of its chosen tag.
 *
 * @param leastConfidence 1 − P(best path): grows with the text's length
 * @param mnlp            −log P(best path) / tokens: maximum normalized log-probability, negated so
 *                        that higher means more uncertain; does not favour long texts
 * @param entropy         mean over the tokens of the entropy (nats) of each token's probabilities
 *                        over all tags; NaN when the model gave only the chosen tags' probabilities
 * @param tokens          tokens measured (those with a known probability)
 */
public record Uncertainty(double leastConfidence, double mnlp, double entropy, int tokens) {

    /** Below this a probability counts as this: a log of 0 would make one token decide everything. */
    private static final double FLOOR = 1e-12;

    /** The measures over a text's tokens; tokens without a probability are left out. */
    public static Uncertainty of(List<TaggedToken> tokens) {
        double logP = 0;
        double entropy = 0;
        int measured = 0;
        boolean entropyKnown = true;
        for (TaggedToken token : tokens) {
            if (Double.isNaN(token.confidence())) {
                continue;
            }
            measured++;
            logP += Math.log(Math.max(FLOOR, token.confidence()));
            entropyKnown &= !Double.isNaN(token.entropy());
            entropy += token.entropy();
        }
        if (measured == 0) {
            return new Uncertainty(0, 0, 0, 0);
        }
        return new Uncertainty(1 - Math.exp(logP), -logP / measured, entropyKnown ? entropy / measured : Double.NaN,
                measured);
    }

    /** The entropy (nats) of one token's tag probabilities; they need not sum to exactly 1. */
    public static double entropy(double[] probabilities) {
        double sum = 0;
        for (double p : probabilities) {
            sum += Math.max(0, p);
        }
        if (sum <= 0) {
            return Double.NaN;
        }
        double h = 0;
        for (double p : probabilities) {
            double q = Math.max(0, p) / sum;
            if (q > 0) {
                h -= q * Math.log(q);
            }
        }
        return h;
    }
}
