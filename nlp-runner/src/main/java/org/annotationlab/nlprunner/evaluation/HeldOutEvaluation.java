package org.annotationlab.nlprunner.evaluation;

import java.util.ArrayList;
import java.util.List;

import org.annotationlab.nlprunner.conll.ConllSentence;
import org.annotationlab.nlprunner.spark.AnnotationFrames;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Tags held-out sentences with a trained model, on their gold tokens, and scores the result with
 * {@link EntityEvaluator}. Tagging gold tokens (rather than re-tokenizing raw text) is what makes
 * the score comparable with published CoNLL results.
 */
public final class HeldOutEvaluation {

    private final SparkSession spark;

    public HeldOutEvaluation(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * Evaluates the sentences.
     *
     * @param tagging the stages after tokenization (embeddings, NER), applied in order
     * @param nerColumn the column holding the NER annotations
     */
    public EvaluationResult evaluate(List<Transformer> tagging, String nerColumn, List<ConllSentence> sentences) {
        Dataset<Row> frame = AnnotationFrames.of(spark, sentences);
        for (Transformer stage : tagging) {
            frame = stage.transform(frame);
        }
        List<List<String>> predicted = new ArrayList<>(sentences.size());
        for (int i = 0; i < sentences.size(); i++) {
            predicted.add(null);
        }
        for (Row row : frame.select(AnnotationFrames.ID, nerColumn + ".result").collectAsList()) {
            predicted.set(row.getInt(0), row.getList(1));
        }
        List<List<String>> gold = sentences.stream().map(ConllSentence::tags).toList();
        return new EntityEvaluator().evaluate(gold, predicted);
    }
}
