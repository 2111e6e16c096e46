package org.annotationlab.nlprunner.serve;

/**
 * An entity a model found in a text.
 *
 * @param start      character offset of the first character (UTF-16 units, as Java and JavaScript count)
 * @param end        character offset just after the last character (exclusive)
 * @param text       the covered text, {@code text.substring(start, end)}
 * @param label      entity label
 * @param model      name of the model that predicted it
 * @param confidence mean per-token probability of the predicted tags, 0..1
 */
public record PredictedSpan(int start, int end, String text, String label, String model, double confidence) {
}
