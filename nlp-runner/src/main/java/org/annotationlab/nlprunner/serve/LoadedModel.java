package org.annotationlab.nlprunner.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.annotationlab.nlprunner.tagging.SentenceTagger;
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
 * of all texts of the request together, in TensorFlow batches of up to {@value #SERVING_BATCH_SIZE}
 * whatever batch size the model was trained with (LightPipeline alone would make one TensorFlow
 * call per text). The batches come from {@link SentenceTagger}, as in evaluation: a sentence gets
 * the same spans whatever else is in the request.
 */
public final class LoadedModel {

    /** Division slash U+2215: same UTF-16 length as '/', so offsets are unchanged (see {@link #predict}). */
    private static final char SLASH_STAND_IN = '\u2215';
    /** Sentences per TensorFlow call when serving; measured against 8 and 32 in nlp-runner's README (P2). */
    static final int SERVING_BATCH_SIZE = SentenceTagger.BATCH_SIZE;

    private final String name;
    private final String path;
    private final List<String> labels;
    private final LightPipeline pipeline;
    private final SentenceTagger tagger;
    /** The NER stage's tags: the metadata keys that hold a tag's probability. */
    private final List<String> tags;

    /**
     * @param pipeline the serving pipeline whose NER stage is {@code ner}; the stage is set lazy
     *                 here, so the LightPipeline stops after the embeddings
     */
    LoadedModel(String name, String path, List<String> labels, LightPipeline pipeline, NerDLModel ner) {
        this(name, path, labels, pipeline, ner, SERVING_BATCH_SIZE);
    }

    /** As above, with at most {@code batchSize} sentences per TensorFlow call. */
    LoadedModel(String name, String path, List<String> labels, LightPipeline pipeline, NerDLModel ner, int batchSize) {
        this.name = name;
        this.path = path;
        this.labels = List.copyOf(labels);
        this.pipeline = pipeline;
        this.tagger = ner == null ? null : new SentenceTagger(ner, batchSize);
        this.tags = ner == null ? List.of() : List.of(ner.getClasses());
        if (ner != null) {
            ner.setLazyAnnotator(true);
            // Every tag's probability for each token, not only the chosen tag's: the entropy
            // measure of a text's uncertainty needs them (the chosen tag's stays what it was).
            ner.setIncludeConfidence(true);
            ner.setIncludeAllConfidenceScores(true);
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
        return predictWithUncertainty(texts).stream().map(TextPrediction::spans).toList();
    }

    /** The spans this model finds in each text and its uncertainty about each, in input order. */
    public List<TextPrediction> predictWithUncertainty(List<String> texts) {
        // LightPipeline treats any input that contains '/' and names an existing file (local,
        // Hadoop or DBFS) as an image path; a stand-in character of equal length avoids that
        // lookup for client text while keeping every character offset valid.
        String[] inputs = texts.stream().map(text -> text.replace('/', SLASH_STAND_IN)).toArray(String[]::new);
        List<Sentence> sentences = sentences(pipeline.fullAnnotate(inputs));
        List<List<Annotation>> tagged = tagger.tag(sentences.stream().map(Sentence::embeddings).toList());
        List<List<TaggedToken>> tokens = new ArrayList<>(texts.size());
        for (int t = 0; t < texts.size(); t++) {
            tokens.add(new ArrayList<>());
        }
        for (int s = 0; s < tagged.size(); s++) {
            Sentence sentence = sentences.get(s);
            tokens.get(sentence.text()).addAll(tokens(tagged.get(s), sentence.index()));
        }
        List<TextPrediction> results = new ArrayList<>(texts.size());
        for (int t = 0; t < texts.size(); t++) {
            results.add(new TextPrediction(SpanDecoder.decode(texts.get(t), tokens.get(t), name),
                    Uncertainty.of(tokens.get(t))));
        }
        return results;
    }

    /** Sentence {@code index} of text {@code text}: its embeddings annotations, all NerDL reads. */
    private record Sentence(int text, int index, List<Annotation> embeddings) {
    }

    /** Every sentence of every annotated text, texts in order, each text's sentences in order. */
    private static List<Sentence> sentences(Map<String, Seq<IAnnotation>>[] annotated) {
        List<Sentence> sentences = new ArrayList<>();
        for (int t = 0; t < annotated.length; t++) {
            Option<Seq<IAnnotation>> values = annotated[t].get(NerTrainer.EMBEDDINGS);
            if (values.isEmpty()) {
                continue;
            }
            java.util.Map<Integer, List<Annotation>> bySentence = new TreeMap<>();
            for (IAnnotation value : JavaConverters.seqAsJavaList(values.get())) {
                Annotation a = (Annotation) value;
                int index = parseInt(JavaConverters.mapAsJavaMap(a.metadata()).get("sentence"));
                bySentence.computeIfAbsent(index, k -> new ArrayList<>()).add(a);
            }
            for (java.util.Map.Entry<Integer, List<Annotation>> sentence : bySentence.entrySet()) {
                sentences.add(new Sentence(t, sentence.getKey(), sentence.getValue()));
            }
        }
        return sentences;
    }

    /** The tagged tokens of one sentence, which is sentence {@code sentence} of its text. */
    private List<TaggedToken> tokens(List<Annotation> ner, int sentence) {
        List<TaggedToken> tokens = new ArrayList<>(ner.size());
        for (Annotation a : ner) {
            java.util.Map<String, String> metadata = JavaConverters.mapAsJavaMap(a.metadata());
            tokens.add(new TaggedToken(a.begin(), a.end(), a.result(), sentence,
                    confidence(metadata.getOrDefault(a.result(), metadata.get("confidence"))), entropy(metadata)));
        }
        return tokens;
    }

    /** The entropy of the token's probabilities over all tags, NaN unless every tag's is given. */
    private double entropy(java.util.Map<String, String> metadata) {
        if (tags.isEmpty()) {
            return Double.NaN;
        }
        double[] probabilities = new double[tags.size()];
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = confidence(metadata.get(tags.get(i)));
            if (Double.isNaN(probabilities[i])) {
                return Double.NaN;
            }
        }
        return Uncertainty.entropy(probabilities);
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
