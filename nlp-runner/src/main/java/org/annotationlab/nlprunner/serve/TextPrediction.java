package org.annotationlab.nlprunner.serve;

import java.util.List;

/**
 * What one model found in one text: its spans, and how unsure it was of the whole text.
 *
 * @param spans       the entities, in order
 * @param uncertainty the measures over every token of the text, entities or not
 */
public record TextPrediction(List<PredictedSpan> spans, Uncertainty uncertainty) {
}
