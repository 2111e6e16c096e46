package org.annotationlab.nlprunner.embeddings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits unlabelled text into lower-cased tokens for learning word vectors: runs of letters and
 * digits, and each other non-space character on its own, which matches how the CoNLL exports
 * tokenize punctuation closely enough for co-occurrence statistics.
 */
public final class SimpleTokenizer {

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+|[^\\s\\p{L}\\p{N}]");

    private SimpleTokenizer() {
    }

    /** The lower-cased tokens of {@code text}, in order. */
    public static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        while (matcher.find()) {
            tokens.add(matcher.group().toLowerCase(Locale.ROOT));
        }
        return tokens;
    }
}
