package org.annotationlab.nlprunner.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class SpanDecoderTest {

    @Test
    void spanCoversItsTokensWithExclusiveEndAndMeanConfidence() {
        String text = "Has breast cancer.";
        List<TaggedToken> tokens = List.of(
                new TaggedToken(0, 2, "O", 0, 0.99),
                new TaggedToken(4, 9, "B-Disease", 0, 0.8),
                new TaggedToken(11, 16, "I-Disease", 0, 0.6),
                new TaggedToken(17, 17, "O", 0, 0.99));

        List<PredictedSpan> spans = SpanDecoder.decode(text, tokens, "m1");

        assertEquals(1, spans.size());
        PredictedSpan span = spans.get(0);
        assertEquals(4, span.start());
        assertEquals(17, span.end());
        assertEquals("breast cancer", span.text());
        assertEquals(text.substring(span.start(), span.end()), span.text());
        assertEquals("Disease", span.label());
        assertEquals("m1", span.model());
        assertEquals(0.7, span.confidence(), 1e-9);
    }

    @Test
    void chunkDoesNotCrossASentenceBoundary() {
        String text = "Flu. Cold";
        List<TaggedToken> tokens = List.of(
                new TaggedToken(0, 2, "B-D", 0, 0.9),
                new TaggedToken(3, 3, "I-D", 0, 0.9),
                new TaggedToken(5, 8, "I-D", 1, 0.9));

        List<PredictedSpan> spans = SpanDecoder.decode(text, tokens, "m");

        assertEquals(List.of("Flu.", "Cold"), spans.stream().map(PredictedSpan::text).toList());
    }

    @Test
    void missingConfidenceIsIgnoredInTheMeanAndNoTokensMeansNoSpans() {
        List<PredictedSpan> spans = SpanDecoder.decode("ab", List.of(
                new TaggedToken(0, 0, "B-D", 0, Double.NaN), new TaggedToken(1, 1, "I-D", 0, 0.5)), "m");

        assertEquals(0.5, spans.get(0).confidence(), 1e-9);
        assertTrue(SpanDecoder.decode("", List.of(), "m").isEmpty());
    }
}
