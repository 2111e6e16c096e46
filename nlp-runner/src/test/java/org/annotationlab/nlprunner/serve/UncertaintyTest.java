package org.annotationlab.nlprunner.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The three measures of a text's uncertainty, from its tokens' tag probabilities. */
class UncertaintyTest {

    private static TaggedToken token(double confidence, double... all) {
        return new TaggedToken(0, 0, "O", 0, confidence, all.length == 0 ? Double.NaN : Uncertainty.entropy(all));
    }

    @Test
    void measuresTheBestPathsProbabilityPerTextAndPerToken() {
        Uncertainty u = Uncertainty.of(List.of(token(0.5, 0.5, 0.5), token(0.8, 0.8, 0.2)));

        assertEquals(1 - 0.5 * 0.8, u.leastConfidence(), 1e-12);
        assertEquals(-(Math.log(0.5) + Math.log(0.8)) / 2, u.mnlp(), 1e-12);
        double h1 = Math.log(2);
        double h2 = -(0.8 * Math.log(0.8) + 0.2 * Math.log(0.2));
        assertEquals((h1 + h2) / 2, u.entropy(), 1e-12);
        assertEquals(2, u.tokens());
    }

    @Test
    void mnlpDoesNotFavourLongTextsWhereLeastConfidenceDoes() {
        Uncertainty shortUnsure = Uncertainty.of(List.of(token(0.6), token(0.6)));
        Uncertainty longSure = Uncertainty.of(java.util.Collections.nCopies(40, token(0.95)));

        assertTrue(longSure.leastConfidence() > shortUnsure.leastConfidence(), "least confidence grows with length");
        assertTrue(shortUnsure.mnlp() > longSure.mnlp(), "MNLP ranks the unsure short text first");
    }

    @Test
    void entropyIsUnknownWithoutEveryTagsProbabilityAndTokensWithoutAnyAreLeftOut() {
        Uncertainty u = Uncertainty.of(List.of(token(0.9), token(Double.NaN)));

        assertTrue(Double.isNaN(u.entropy()));
        assertEquals(1, u.tokens());
        assertEquals(0.1, u.leastConfidence(), 1e-12);
        assertEquals(new Uncertainty(0, 0, 0, 0), Uncertainty.of(List.of()));
    }

    @Test
    void aZeroProbabilityIsFlooredAndEntropyNormalizesItsInput() {
        assertTrue(Double.isFinite(Uncertainty.of(List.of(token(0))).mnlp()));
        assertEquals(Math.log(2), Uncertainty.entropy(new double[] {0.3, 0.3}), 1e-12);
        assertEquals(0, Uncertainty.entropy(new double[] {1, 0, 0}), 1e-12);
    }
}
