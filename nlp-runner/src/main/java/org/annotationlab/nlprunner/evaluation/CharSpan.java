package org.annotationlab.nlprunner.evaluation;

/**
 * An entity mention over the characters of a text, as the platform stores spans and the model
 * server predicts them.
 *
 * @param start first character, inclusive
 * @param end   last character, exclusive
 * @param label entity label
 */
public record CharSpan(int start, int end, String label) {
}
