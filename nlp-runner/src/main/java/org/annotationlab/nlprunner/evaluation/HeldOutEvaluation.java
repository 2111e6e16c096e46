package org.annotationlab.nlprunner.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.annotationlab.nlprunner.conll.ConllSentence;
import org.annotationlab.nlprunner.spark.AnnotationFrames;
import org.annotationlab.nlprunner.tagging.SentenceTagger;
import org.annotationlab.nlprunner.train.NerTrainer;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import com.johnsnowlabs.nlp.Annotation;
import com.johnsnowlabs.nlp.annotators.ner.dl.NerDLModel;

/**
 * Tags held-out sentences with a trained model, on their gold tokens, and scores the result with
 * {@link EntityEvaluator}. Tagging gold tokens (rather than re-tokenizing raw text) is what makes
 * the score comparable with published CoNLL results. The NER stage tags through
 * {@link SentenceTagger}, as the model server does, so a sentence's tags do not depend on the
 * other sentences of the set or their order.
 */
public final class HeldOutEvaluation {

    private final SparkSession spark;
    private final int batchSize;

    public HeldOutEvaluation(SparkSession spark) {
        this(spark, SentenceTagger.BATCH_SIZE);
    }

    /** @param batchSize at most this many sentences per TensorFlow call (the tags do not depend on it) */
    public HeldOutEvaluation(SparkSession spark, int batchSize) {
        this.spark = spark;
        this.batchSize = batchSize;
    }

    /**
     * Evaluates the sentences.
     *
     * @param embeddings the embeddings stage of the model
     * @param ner        its NER stage
     */
    public EvaluationResult evaluate(Transformer embeddings, NerDLModel ner, List<ConllSentence> sentences) {
        List<List<String>> gold = sentences.stream().map(ConllSentence::tags).toList();
        return new EntityEvaluator().evaluate(gold, tag(embeddings, ner, sentences));
    }

    /** The predicted tag of each gold token of each sentence, in input order. */
    public List<List<String>> tag(Transformer embeddings, NerDLModel ner, List<ConllSentence> sentences) {
        List<List<Annotation>> embedded = new ArrayList<>(Collections.nCopies(sentences.size(), List.of()));
        List<Row> rows = embeddings.transform(AnnotationFrames.of(spark, sentences))
                .select(AnnotationFrames.ID, NerTrainer.EMBEDDINGS).collectAsList();
        for (Row row : rows) {
            List<Row> annotations = row.getList(1);
            embedded.set(row.getInt(0), annotations.stream().map(Annotation::apply).toList());
        }
        List<List<Annotation>> tagged = new SentenceTagger(ner, batchSize).tag(embedded);
        return tagged.stream().map(annotations -> annotations.stream().map(Annotation::result).toList()).toList();
    }
}
