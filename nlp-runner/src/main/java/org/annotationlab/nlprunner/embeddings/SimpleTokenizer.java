package org.annotationlab.nlprunner.embeddings;

import java.util.List;
import java.util.Locale;

import org.annotationlab.training.contract.Tokenization;

/**
 * Splits unlabelled text into lower-cased tokens for learning word vectors, by the platform's one
 * rule ({@link Tokenization}): the tokens the training set and the serving pipeline have too.
 */
public final class SimpleTokenizer {

    private SimpleTokenizer() {
    }

    /** The lower-cased tokens of {@code text}, in order. */
    public static List<String> tokens(String text) {
        return Tokenization.tokenize(text).stream().map(t -> t.text().toLowerCase(Locale.ROOT)).toList();
    }
}
