package org.annotationlab.nlprunner.serve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import org.annotationlab.nlprunner.spark.AnnotationFrames;
import org.annotationlab.nlprunner.train.NerTrainer;

import com.johnsnowlabs.nlp.Annotation;
import com.johnsnowlabs.nlp.IAnnotation;
import com.johnsnowlabs.nlp.LightPipeline;
import com.johnsnowlabs.nlp.annotators.ner.dl.NerDLModel;

import scala.Option;
import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.collection.immutable.Map;

/**
 * A saved NER pipeline loaded for prediction, with its name and the labels it predicts.
 * Prediction is thread-safe and runs without Spark jobs: a {@link LightPipeline} takes each text
 * through sentence detection, tokenization and embeddings, then the NER stage tags the sentences
 * of all texts of the request together, in TensorFlow batches (LightPipeline alone would make one
 * TensorFlow call per text). The sentences go to TensorFlow shortest first, so each TensorFlow
 * batch pads its sentences to a similar length, in batches of {@value #SERVING_BATCH_SIZE}
 * whatever batch size the model was trained with.
 */
public final class LoadedModel {

    /** Division slash U+2215: same UTF-16 length as '/', so offsets are unchanged (see {@link #predict}). */
    private static final char SLASH_STAND_IN = '\u2215';
    /** Texts per TensorFlow call when serving; measured against 8 and 32 in nlp-runner's README (P2). */
    static final int SERVING_BATCH_SIZE = 16;
    private static final String[] NER_INPUTS = {AnnotationFrames.SENTENCE, AnnotationFrames.TOKEN, NerTrainer.EMBEDDINGS};

    private final String name;
    private final String path;
    private final List<String> labels;
    private final LightPipeline pipeline;
    private final NerDLModel ner;

    /**
     * @param pipeline the serving pipeline whose NER stage is {@code ner}; the stage is set lazy
     *                 here, so the LightPipeline stops after the embeddings
     */
    LoadedModel(String name, String path, List<String> labels, LightPipeline pipeline, NerDLModel ner) {
        this.name = name;
        this.path = path;
        this.labels = List.copyOf(labels);
        this.pipeline = pipeline;
        this.ner = ner;
        if (ner != null) {
            ner.setLazyAnnotator(true);
            ner.setBatchSize(SERVING_BATCH_SIZE);
        }
    }

    public String name() {
        return name;
    }

    public String path() {
        return path;
    }

    public List<String> labels() {
        return labels;
    }

    /** The spans this model finds in each text, in input order. */
    public List<List<PredictedSpan>> predict(List<String> texts) {
        // LightPipeline treats any input that contains '/' and names an existing file (local,
        // Hadoop or DBFS) as an image path; a stand-in character of equal length avoids that
        // lookup for client text while keeping every character offset valid.
        String[] inputs = texts.stream().map(text -> text.replace('/', SLASH_STAND_IN)).toArray(String[]::new);
        Map<String, Seq<IAnnotation>>[] annotated = pipeline.fullAnnotate(inputs);
        List<Annotation[]> batch = new ArrayList<>(inputs.length);
        for (Map<String, Seq<IAnnotation>> annotations : annotated) {
            List<Annotation> nerInput = new ArrayList<>();
            for (String column : NER_INPUTS) {
                Option<Seq<IAnnotation>> values = annotations.get(column);
                if (values.isDefined()) {
                    JavaConverters.seqAsJavaList(values.get()).forEach(a -> nerInput.add((Annotation) a));
                }
            }
            batch.add(nerInput.toArray(Annotation[]::new));
        }
        List<Seq<Annotation>> tagged = tagShortestFirst(batch);
        List<List<PredictedSpan>> results = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            results.add(SpanDecoder.decode(texts.get(i), tokens(JavaConverters.seqAsJavaList(tagged.get(i))), name));
        }
        return results;
    }

    /** The NER stage over the texts ordered by annotation count (a proxy for length), answered in input order. */
    private List<Seq<Annotation>> tagShortestFirst(List<Annotation[]> batch) {
        Integer[] order = new Integer[batch.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> batch.get(i).length));
        List<Annotation[]> sorted = new ArrayList<>(order.length);
        for (int i : order) {
            sorted.add(batch.get(i));
        }
        List<Seq<Annotation>> tagged = JavaConverters.seqAsJavaList(ner.batchAnnotate(JavaConverters.asScalaBuffer(sorted)));
        List<Seq<Annotation>> inInputOrder = new ArrayList<>(Collections.nCopies(order.length, null));
        for (int k = 0; k < order.length; k++) {
            inInputOrder.set(order[k], tagged.get(k));
        }
        return inInputOrder;
    }

    private static List<TaggedToken> tokens(List<Annotation> ner) {
        List<TaggedToken> tokens = new ArrayList<>(ner.size());
        for (Annotation a : ner) {
            java.util.Map<String, String> metadata = JavaConverters.mapAsJavaMap(a.metadata());
            tokens.add(new TaggedToken(a.begin(), a.end(), a.result(),
                    parseInt(metadata.get("sentence")),
                    confidence(metadata.getOrDefault("confidence", metadata.get(a.result())))));
        }
        return tokens;
    }

    private static int parseInt(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double confidence(String value) {
        try {
            return value == null ? Double.NaN : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
