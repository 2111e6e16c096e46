package org.annotationlab.nlprunner.evaluation;

/**
 * Precision, recall and F1 of one label (or an average), with the number of gold mentions.
 *
 * @param precision correct predicted mentions / predicted mentions (0 when nothing was predicted)
 * @param recall    correct predicted mentions / gold mentions (0 when there is no gold mention)
 * @param f1        harmonic mean of precision and recall (0 when both are 0)
 * @param support   number of gold mentions
 */
public record Score(double precision, double recall, double f1, int support) {

    /** The score from exact-match counts. */
    public static Score of(int truePositives, int falsePositives, int falseNegatives) {
        double precision = ratio(truePositives, truePositives + falsePositives);
        double recall = ratio(truePositives, truePositives + falseNegatives);
        return new Score(precision, recall, harmonicMean(precision, recall), truePositives + falseNegatives);
    }

    static double harmonicMean(double precision, double recall) {
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    private static double ratio(int numerator, int denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }
}
