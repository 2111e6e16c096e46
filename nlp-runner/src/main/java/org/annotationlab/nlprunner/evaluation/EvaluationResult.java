package org.annotationlab.nlprunner.evaluation;

import java.util.Locale;
import java.util.Map;

/**
 * Entity-level quality of a model on a held-out set: per label, micro-averaged (over all
 * mentions) and macro-averaged (mean of the per-label scores).
 *
 * @param perLabel  score per entity label, sorted by label
 * @param micro     micro average; its support is the number of gold mentions
 * @param macro     macro average of per-label precision, recall and F1
 * @param sentences number of evaluated sentences
 */
public record EvaluationResult(Map<String, Score> perLabel, Score micro, Score macro, int sentences) {

    /** A fixed-width table for logs: one row per label, then micro and macro. */
    public String table() {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%-20s %9s %9s %9s %9s%n", "label", "precision", "recall", "f1", "support"));
        perLabel.forEach((label, score) -> table.append(row(label, score)));
        table.append(row("micro avg", micro)).append(row("macro avg", macro));
        return table.toString();
    }

    private static String row(String name, Score score) {
        return String.format(Locale.ROOT, "%-20s %9.4f %9.4f %9.4f %9d%n",
                name, score.precision(), score.recall(), score.f1(), score.support());
    }
}
