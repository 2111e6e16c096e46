package org.annotationlab.nlprunner.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.annotationlab.nlprunner.conll.ConllSentence;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import com.johnsnowlabs.nlp.Annotation;

/**
 * Turns CoNLL sentences into the annotated DataFrame Spark NLP trains on, keeping the gold
 * tokenization: one row per sentence with {@code document}, {@code sentence}, {@code token}
 * and {@code label} annotation columns, plus an {@code id} (the sentence's index) so that
 * predictions can be matched back to their sentence.
 */
public final class AnnotationFrames {

    public static final String ID = "id";
    public static final String TEXT = "text";
    public static final String DOCUMENT = "document";
    public static final String SENTENCE = "sentence";
    public static final String TOKEN = "token";
    public static final String LABEL = "label";

    private static final float[] NO_EMBEDDINGS = new float[0];

    private AnnotationFrames() {
    }

    /** The training/evaluation frame of the sentences, row {@code i} holding sentence {@code i}. */
    public static Dataset<Row> of(SparkSession spark, List<ConllSentence> sentences) {
        List<Row> rows = new ArrayList<>(sentences.size());
        for (int i = 0; i < sentences.size(); i++) {
            rows.add(row(i, sentences.get(i)));
        }
        return spark.createDataFrame(rows, schema());
    }

    private static Row row(int id, ConllSentence sentence) {
        String text = sentence.text();
        Row document = annotation("document", 0, text.length() - 1, text, Map.of());
        Row sentenceAnnotation = annotation("document", 0, text.length() - 1, text, Map.of("sentence", "0"));
        List<Row> tokens = new ArrayList<>();
        List<Row> labels = new ArrayList<>();
        int begin = 0;
        for (int t = 0; t < sentence.tokens().size(); t++) {
            String token = sentence.tokens().get(t);
            int end = begin + token.length() - 1;
            tokens.add(annotation("token", begin, end, token, Map.of("sentence", "0")));
            labels.add(annotation("named_entity", begin, end, sentence.tags().get(t),
                    Map.of("sentence", "0", "word", token)));
            begin = end + 2; // one separating space
        }
        return RowFactory.create(id, text, List.of(document), List.of(sentenceAnnotation), tokens, labels);
    }

    private static Row annotation(String type, int begin, int end, String result, Map<String, String> metadata) {
        return RowFactory.create(type, begin, end, result, metadata, NO_EMBEDDINGS);
    }

    private static StructType schema() {
        ArrayType annotations = Annotation.arrayType();
        return new StructType(new StructField[] {
            new StructField(ID, DataTypes.IntegerType, false, Metadata.empty()),
            new StructField(TEXT, DataTypes.StringType, false, Metadata.empty()),
            new StructField(DOCUMENT, annotations, false, annotatorType("document")),
            new StructField(SENTENCE, annotations, false, annotatorType("document")),
            new StructField(TOKEN, annotations, false, annotatorType("token")),
            new StructField(LABEL, annotations, false, annotatorType("named_entity")),
        });
    }

    /** Spark NLP checks an input column's annotator type in the column metadata. */
    private static Metadata annotatorType(String type) {
        return new MetadataBuilder().putString("annotatorType", type).build();
    }
}
