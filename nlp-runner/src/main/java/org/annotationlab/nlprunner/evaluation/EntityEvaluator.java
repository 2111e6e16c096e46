package org.annotationlab.nlprunner.evaluation;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import org.annotationlab.nlprunner.conll.BioTags;
import org.annotationlab.nlprunner.conll.TokenSpan;

/**
 * Scores predicted mentions against gold mentions at entity level, the CoNLL-2003 way: a predicted
 * mention counts only if its start, end and label all equal a gold mention's — over BIO tags of
 * tokens, or over character spans of raw text. Labels are taken
 * from both the gold and the predicted tags, so a label the model invents costs precision.
 */
public final class EntityEvaluator {

    /**
     * Evaluates sentence by sentence.
     *
     * @param gold      gold tags per sentence
     * @param predicted predicted tags per sentence, same sentence count and lengths as {@code gold}
     */
    public EvaluationResult evaluate(List<List<String>> gold, List<List<String>> predicted) {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException(
                    gold.size() + " gold sentences but " + predicted.size() + " predicted");
        }
        Map<String, int[]> counts = new TreeMap<>(); // label -> {tp, fp, fn}
        for (int i = 0; i < gold.size(); i++) {
            if (gold.get(i).size() != predicted.get(i).size()) {
                throw new IllegalArgumentException("sentence " + i + ": " + gold.get(i).size()
                        + " gold tags but " + predicted.get(i).size() + " predicted");
            }
            count(BioTags.spans(gold.get(i)), BioTags.spans(predicted.get(i)), TokenSpan::label, counts);
        }
        return summarize(counts, gold.size());
    }

    /**
     * Evaluates text by text on character spans: a predicted span counts only if its start, end
     * and label all equal a gold span's of the same text.
     *
     * @param gold      gold spans per text
     * @param predicted predicted spans per text, same text count as {@code gold}
     */
    public EvaluationResult evaluateSpans(List<List<CharSpan>> gold, List<List<CharSpan>> predicted) {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException(gold.size() + " gold texts but " + predicted.size() + " predicted");
        }
        Map<String, int[]> counts = new TreeMap<>();
        for (int i = 0; i < gold.size(); i++) {
            count(gold.get(i), predicted.get(i), CharSpan::label, counts);
        }
        return summarize(counts, gold.size());
    }

    private static <S> void count(List<S> gold, List<S> predicted, Function<S, String> labelOf, Map<String, int[]> counts) {
        Set<S> goldSet = new HashSet<>(gold);
        for (S span : predicted) {
            counts.computeIfAbsent(labelOf.apply(span), label -> new int[3])[goldSet.contains(span) ? 0 : 1]++;
        }
        Set<S> predictedSet = new HashSet<>(predicted);
        for (S span : gold) {
            int[] labelCounts = counts.computeIfAbsent(labelOf.apply(span), label -> new int[3]);
            if (!predictedSet.contains(span)) {
                labelCounts[2]++;
            }
        }
    }

    private static EvaluationResult summarize(Map<String, int[]> counts, int sentences) {
        Map<String, Score> perLabel = new TreeMap<>();
        int tp = 0;
        int fp = 0;
        int fn = 0;
        double precisionSum = 0;
        double recallSum = 0;
        double f1Sum = 0;
        for (String label : new TreeSet<>(counts.keySet())) {
            int[] c = counts.get(label);
            Score score = Score.of(c[0], c[1], c[2]);
            perLabel.put(label, score);
            tp += c[0];
            fp += c[1];
            fn += c[2];
            precisionSum += score.precision();
            recallSum += score.recall();
            f1Sum += score.f1();
        }
        int labels = Math.max(1, perLabel.size());
        Score macro = new Score(precisionSum / labels, recallSum / labels, f1Sum / labels, tp + fn);
        return new EvaluationResult(perLabel, Score.of(tp, fp, fn), macro, sentences);
    }
}
