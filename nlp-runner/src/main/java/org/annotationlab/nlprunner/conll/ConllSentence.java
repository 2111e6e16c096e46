package org.annotationlab.nlprunner.conll;

import java.util.List;

/**
 * One sentence of a CoNLL training set: its tokens and the BIO tag of each token.
 *
 * @param tokens the tokens, in order, never empty
 * @param tags   one BIO tag per token ({@code O}, {@code B-<label>} or {@code I-<label>})
 */
public record ConllSentence(List<String> tokens, List<String> tags) {

    public ConllSentence {
        tokens = List.copyOf(tokens);
        tags = List.copyOf(tags);
        if (tokens.isEmpty() || tokens.size() != tags.size()) {
            throw new IllegalArgumentException(
                    "a sentence needs one tag per token, got " + tokens.size() + " tokens and " + tags.size() + " tags");
        }
    }

    /** The sentence as plain text: tokens joined by one space (how the training documents are built). */
    public String text() {
        return String.join(" ", tokens);
    }

    /** The entity mentions of this sentence, decoded from its tags. */
    public List<TokenSpan> entities() {
        return BioTags.spans(tags);
    }
}
