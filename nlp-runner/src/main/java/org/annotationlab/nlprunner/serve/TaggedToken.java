package org.annotationlab.nlprunner.serve;

/**
 * One token of a tagged text as the NER stage returns it.
 *
 * @param begin      offset of the first character
 * @param end        offset of the last character (inclusive, Spark NLP's convention)
 * @param tag        BIO tag
 * @param sentence   index of the sentence the token belongs to
 * @param confidence probability of the tag, or NaN when the model gave none
 * @param entropy    entropy (nats) of the token's probabilities over all the model's tags, or NaN
 *                   when the model gave only the chosen tag's
 */
public record TaggedToken(int begin, int end, String tag, int sentence, double confidence, double entropy) {

    /** A token whose only known probability is its tag's. */
    public TaggedToken(int begin, int end, String tag, int sentence, double confidence) {
        this(begin, end, tag, sentence, confidence, Double.NaN);
    }
}
