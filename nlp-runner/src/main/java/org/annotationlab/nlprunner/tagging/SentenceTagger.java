package org.annotationlab.nlprunner.tagging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import com.johnsnowlabs.nlp.Annotation;
import com.johnsnowlabs.nlp.annotators.ner.dl.NerDLModel;

import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Tags sentences with a NerDL model so that a sentence's tags do not depend on which other
 * sentences share its TensorFlow batch, nor on their order: evaluation and the model server both
 * tag through it.
 *
 * <p>Why: NerDL pads the characters of every word of a batch to the batch's longest word, and the
 * bundled graphs' character CNN (kernel width {@value #CHARACTER_KERNEL}, zero "same" padding,
 * ReLU, max over all positions, padding included) sees that padding: a word's vector depends on
 * how many padding positions follow it, up to {@value #CHARACTER_KERNEL}. So a sentence's tags
 * changed with its neighbours (issue 25: 1 sentence in 150). Here every TensorFlow batch also
 * carries one extra one-word sentence whose word is {@value #CHARACTER_KERNEL} characters longer
 * than any other word of the batch, so that every real word is followed by at least that much
 * padding, and its vector is always the same. That is the padding nearly every word had in
 * training, where a word shares its batch with a longer one. The extra sentence's tags are
 * dropped. The padding of a batch to its longest sentence does not reach the tags: the LSTM and
 * the CRF mask it with the sentence lengths.
 */
public final class SentenceTagger {

    /** Sentences per TensorFlow call when the caller has no reason to choose (see nlp-runner's README, P2). */
    public static final int BATCH_SIZE = 16;
    /** Kernel width of the character CNN of every bundled NerDL graph: how far padding reaches into a word's vector. */
    static final int CHARACTER_KERNEL = 3;
    /** Spark NLP's annotator type of the embeddings stage's output, the only input NerDL reads. */
    private static final String WORD_EMBEDDINGS = "word_embeddings";

    private final NerDLModel ner;
    private final int batchSize;

    /**
     * @param ner       the NER stage; its own batch size is set to {@code batchSize + 1} (the
     *                  padding sentence rides along): the tagger owns the stage from then on
     * @param batchSize at most this many sentences per TensorFlow call
     */
    public SentenceTagger(NerDLModel ner, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
        }
        this.ner = ner;
        this.batchSize = batchSize;
        ner.setBatchSize(batchSize + 1);
    }

    /**
     * Tags each sentence. Does not modify the list or the annotations it is given.
     *
     * @param sentences each element one sentence: its word-embeddings annotations, as the
     *                  embeddings stage gives them (other annotation types are ignored)
     * @return each sentence's NER annotations (one per token), in input order; an empty list for
     *         a sentence without tokens. Their {@code sentence} metadata is always 0: each
     *         sentence is tagged as a document of its own.
     */
    public List<List<Annotation>> tag(List<List<Annotation>> sentences) {
        List<List<Annotation>> words = sentences.stream()
                .map(s -> s.stream().filter(a -> WORD_EMBEDDINGS.equals(a.annotatorType())).toList()).toList();
        // Shortest first, so that each batch pads its sentences to a similar length (speed only).
        List<Integer> order = IntStream.range(0, words.size()).filter(i -> !words.get(i).isEmpty()).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> words.get(i).size()).thenComparingInt(i -> i))
                .toList();
        List<List<Annotation>> tagged = new ArrayList<>(Collections.nCopies(sentences.size(), List.of()));
        for (int from = 0; from < order.size(); from += batchSize) {
            List<Integer> batch = order.subList(from, Math.min(order.size(), from + batchSize));
            List<Seq<Annotation>> results = tagBatch(batch.stream().map(words::get).toList());
            for (int k = 0; k < batch.size(); k++) {
                tagged.set(batch.get(k), List.copyOf(JavaConverters.seqAsJavaList(results.get(k))));
            }
        }
        return tagged;
    }

    /** One TensorFlow call over the sentences (each a document of its own) and the padding sentence first. */
    private List<Seq<Annotation>> tagBatch(List<List<Annotation>> batch) {
        List<Annotation[]> rows = new ArrayList<>(batch.size() + 1);
        rows.add(new Annotation[] {paddingWord(batch)});
        batch.forEach(sentence -> rows.add(sentence.toArray(Annotation[]::new)));
        List<Seq<Annotation>> results = JavaConverters.seqAsJavaList(ner.batchAnnotate(JavaConverters.asScalaBuffer(rows)));
        return results.subList(1, results.size());
    }

    /** A copy of the batch's first word, {@value #CHARACTER_KERNEL} characters longer than the longest word of the batch. */
    private static Annotation paddingWord(List<List<Annotation>> batch) {
        int longest = batch.stream().flatMap(List::stream).mapToInt(a -> a.result().length()).max().orElse(0);
        Annotation first = batch.get(0).get(0);
        return new Annotation(first.annotatorType(), first.begin(), first.end(), "x".repeat(longest + CHARACTER_KERNEL),
                first.metadata(), first.embeddings());
    }
}
