package org.annotationlab.annotation.trainingset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.annotationlab.annotation.span.Span;
import org.annotationlab.training.contract.Tokenization;

/**
 * Turns one task (text + selected spans) into a CoNLL-2003 block: {@code token -X- -X- tag}
 * lines, BIO tags, a blank line after. Spans are snapped to token boundaries by one rule:
 * <b>a span labels every token it overlaps by at least one character</b> (it grows outward to
 * whole tokens). A span whose edges were not already token edges counts as adjusted. Where
 * spans compete for a token, the one that starts first keeps it and the later one keeps the
 * rest of its tokens (adjusted); a span left with no token — it covered only whitespace, or only
 * tokens an earlier span took — is counted as dropped. Nothing is lost without being counted.
 */
public final class ConllWriter {

    /** The first line of an export, as CoNLL-2003 files begin. */
    public static final String DOCSTART = "-DOCSTART- -X- -X- O\n\n";

    private ConllWriter() {
    }

    /** The block and what snapping did to the spans. */
    public record Block(String conll, int tokens, int spans, int adjusted, int dropped, List<String> entityLabels) {
    }

    /** What snapping did to one task's spans, and the BIO tag of each token. */
    public record Tagging(List<Tokenization.Token> tokens, String[] tags, int spans, int adjusted, int dropped,
            List<String> entityLabels) {
    }

    /** Renders one task as a CoNLL block. */
    public static Block write(String text, List<Span> spans) {
        Tagging tagging = tag(text, spans);
        List<Tokenization.Token> tokens = tagging.tokens();
        StringBuilder out = new StringBuilder(text.length() * 2 + 16);
        for (int t = 0; t < tokens.size(); t++) {
            String tag = tagging.tags()[t];
            out.append(tokens.get(t).text()).append(" -X- -X- ").append(tag == null ? "O" : tag).append('\n');
        }
        out.append('\n');
        return new Block(out.toString(), tokens.size(), tagging.spans(), tagging.adjusted(), tagging.dropped(),
                tagging.entityLabels());
    }

    /** Applies the snapping rule without rendering: what a summary needs. */
    public static Tagging tag(String text, List<Span> spans) {
        List<Tokenization.Token> tokens = Tokenization.tokenize(text);
        String[] tags = new String[tokens.size()];
        List<Span> ordered = new ArrayList<>(spans);
        ordered.sort(Comparator.comparing(Span::start).thenComparing(s -> -s.end()));
        int adjusted = 0;
        int dropped = 0;
        List<String> entities = new ArrayList<>();
        for (Span span : ordered) {
            int first = -1;
            int last = -1;
            boolean lostTokens = false;
            for (int t = 0; t < tokens.size(); t++) {
                Tokenization.Token token = tokens.get(t);
                if (token.end() <= span.start() || token.start() >= span.end()) {
                    continue;
                }
                if (tags[t] != null) {
                    lostTokens = true;
                    continue;
                }
                if (first >= 0 && last != t - 1) {
                    break;
                }
                if (first < 0) {
                    first = t;
                }
                last = t;
            }
            if (first < 0) {
                dropped++;
                continue;
            }
            for (int t = first; t <= last; t++) {
                tags[t] = (t == first ? "B-" : "I-") + span.label();
            }
            entities.add(span.label());
            if (lostTokens || tokens.get(first).start() != span.start() || tokens.get(last).end() != span.end()) {
                adjusted++;
            }
        }
        return new Tagging(tokens, tags, spans.size(), adjusted, dropped, entities);
    }
}
