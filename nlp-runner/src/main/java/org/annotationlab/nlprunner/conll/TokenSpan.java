package org.annotationlab.nlprunner.conll;

/**
 * An entity mention over token positions of one sentence.
 *
 * @param start first token index, inclusive
 * @param end   last token index, exclusive
 * @param label entity label without the B-/I- prefix
 */
public record TokenSpan(int start, int end, String label) {
}
