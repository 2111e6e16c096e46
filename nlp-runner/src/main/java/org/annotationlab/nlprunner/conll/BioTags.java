package org.annotationlab.nlprunner.conll;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decodes BIO tag sequences into entity spans, following conlleval's chunking rules so that
 * evaluation matches the CoNLL-2003 scorer: an {@code I-X} that does not continue an {@code X}
 * chunk starts a new one (IOB1 input is therefore read correctly too).
 */
public final class BioTags {

    public static final String OUTSIDE = "O";
    private static final Pattern TAG = Pattern.compile("O|[BI]-\\S+");

    private BioTags() {
    }

    /** Whether {@code tag} is {@code O}, {@code B-<label>} or {@code I-<label>}. */
    public static boolean isValid(String tag) {
        return TAG.matcher(tag).matches();
    }

    /** The label of a tag without its prefix, or {@code null} for {@code O}. */
    public static String label(String tag) {
        return tag.length() > 2 && tag.charAt(1) == '-' ? tag.substring(2) : null;
    }

    /** The entity spans of one tagged sentence, in order. Unknown tags count as {@code O}. */
    public static List<TokenSpan> spans(List<String> tags) {
        List<TokenSpan> spans = new ArrayList<>();
        int start = -1;
        String current = null;
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            String label = isValid(tag) ? label(tag) : null;
            boolean continues = label != null && tag.startsWith("I-") && label.equals(current);
            if (current != null && !continues) {
                spans.add(new TokenSpan(start, i, current));
                current = null;
            }
            if (label != null && !continues) {
                start = i;
                current = label;
            }
        }
        if (current != null) {
            spans.add(new TokenSpan(start, tags.size(), current));
        }
        return spans;
    }
}
