package org.annotationlab.annotation.trainingset;

import java.util.ArrayList;
import java.util.List;

/**
 * The export's one tokenizer: a token is a run of letters and digits, or a single other
 * non-space character (punctuation stands alone: "pain," → "pain" ","). Whitespace separates
 * and is never part of a token, so tokens are safe CoNLL columns.
 */
public final class Tokenizer {

    private Tokenizer() {
    }

    /** A token and its character offsets in the text ({@code end} exclusive). */
    public record Token(String text, int start, int end) {
    }

    public static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            if (Character.isLetterOrDigit(cp)) {
                while (i < n && Character.isLetterOrDigit(text.codePointAt(i))) {
                    i += Character.charCount(text.codePointAt(i));
                }
            } else {
                i += Character.charCount(cp);
            }
            tokens.add(new Token(text.substring(start, i), start, i));
        }
        return tokens;
    }
}
