package org.annotationlab.training.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one tokenization rule of the platform (DESIGN.md §4, issue 23 §5): a token is a run of
 * letters and digits, or a single other character that is not a space (punctuation stands alone:
 * "pain," → "pain" ","); spaces of every kind separate and are never part of a token. The
 * training-set export writes these tokens, the serving pipeline cuts raw text into them, and word
 * vectors are learned from them, so a model sees at serving the tokens it was trained on.
 */
public final class Tokenization {

    /** The rule as a regular expression: each match is a token. */
    public static final String TOKEN_PATTERN = "[\\p{L}\\p{N}]+|[^\\p{L}\\p{N}\\p{Z}\\s]";

    /**
     * The same rule as a separator to split text on (for tokenizers that split, as Spark NLP's
     * RegexTokenizer does): spaces, or the empty boundary between two non-space characters of which
     * one is not a letter or digit.
     */
    public static final String SEPARATOR_PATTERN =
            "[\\s\\p{Z}]+|(?<=[^\\s\\p{Z}])(?=[^\\s\\p{Z}])(?:(?![\\p{L}\\p{N}])|(?<![\\p{L}\\p{N}]))";

    private static final Pattern TOKEN = Pattern.compile(TOKEN_PATTERN);

    private Tokenization() {
    }

    /** A token and its character offsets in the text ({@code end} exclusive). */
    public record Token(String text, int start, int end) {
    }

    /** The tokens of {@code text}, in order. */
    public static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        while (matcher.find()) {
            tokens.add(new Token(matcher.group(), matcher.start(), matcher.end()));
        }
        return tokens;
    }
}
