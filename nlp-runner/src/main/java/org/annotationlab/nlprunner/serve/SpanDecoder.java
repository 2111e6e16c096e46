package org.annotationlab.nlprunner.serve;

import java.util.ArrayList;
import java.util.List;

import org.annotationlab.nlprunner.conll.BioTags;
import org.annotationlab.nlprunner.conll.TokenSpan;

/**
 * Turns tagged tokens of one text into character-offset entity spans. Chunks are decoded with
 * the same rules as evaluation ({@link BioTags}) and never cross a sentence boundary.
 */
public final class SpanDecoder {

    private SpanDecoder() {
    }

    /** The spans of {@code text}, in order, attributed to {@code model}. */
    public static List<PredictedSpan> decode(String text, List<TaggedToken> tokens, String model) {
        List<PredictedSpan> spans = new ArrayList<>();
        int from = 0;
        while (from < tokens.size()) {
            int to = from;
            while (to < tokens.size() && tokens.get(to).sentence() == tokens.get(from).sentence()) {
                to++;
            }
            List<TaggedToken> sentence = tokens.subList(from, to);
            for (TokenSpan chunk : BioTags.spans(sentence.stream().map(TaggedToken::tag).toList())) {
                spans.add(span(text, sentence.subList(chunk.start(), chunk.end()), chunk.label(), model));
            }
            from = to;
        }
        return spans;
    }

    private static PredictedSpan span(String text, List<TaggedToken> tokens, String label, String model) {
        int start = tokens.get(0).begin();
        int end = Math.min(text.length(), tokens.get(tokens.size() - 1).end() + 1);
        double sum = 0;
        int known = 0;
        for (TaggedToken token : tokens) {
            if (!Double.isNaN(token.confidence())) {
                sum += token.confidence();
                known++;
            }
        }
        double confidence = known == 0 ? 0 : sum / known;
        return new PredictedSpan(start, end, text.substring(start, end), label, model, confidence);
    }
}
