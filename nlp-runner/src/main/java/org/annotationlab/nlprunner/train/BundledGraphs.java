package org.annotationlab.nlprunner.train;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.annotationlab.nlprunner.conll.ConllSentence;

import com.johnsnowlabs.nlp.annotators.ner.dl.NerDLApproach$;

import scala.Option;

/**
 * Checks, before any training starts, that one of the TensorFlow graphs bundled in the Spark NLP
 * jar fits the data: the graph fixes the maximum number of tags, the embeddings dimension and
 * the number of distinct characters. Without network access no other graph can be fetched, so a
 * data set beyond those limits is reported as a clear failure instead of a crash mid-run.
 */
public final class BundledGraphs {

    private static final String REQUIREMENT_PREFIX = "requirement failed: ";

    private BundledGraphs() {
    }

    /** The tags (O, B-x, I-x) used by the sentences, sorted. */
    public static Set<String> tags(List<ConllSentence> sentences) {
        Set<String> tags = new TreeSet<>();
        sentences.forEach(s -> tags.addAll(s.tags()));
        return tags;
    }

    /** The number of distinct characters of the tokens, as NerDL counts them. */
    public static int distinctChars(List<ConllSentence> sentences) {
        Set<Character> chars = new java.util.HashSet<>();
        for (ConllSentence sentence : sentences) {
            for (String token : sentence.tokens()) {
                for (char c : token.toCharArray()) {
                    chars.add(c);
                }
            }
        }
        return chars.size();
    }

    /**
     * The resource name of the bundled graph NerDL will pick for the training sentences.
     *
     * @throws TrainingFailure INVALID_PARAMETERS naming the exceeded limit when none fits
     */
    public static String select(List<ConllSentence> training, int embeddingsDimension) throws TrainingFailure {
        int tags = tags(training).size();
        int chars = distinctChars(training);
        try {
            // NerDL adds one character id for padding, hence chars + 1.
            return NerDLApproach$.MODULE$.searchForSuitableGraph(tags, embeddingsDimension, chars + 1, Option.empty());
        } catch (IllegalArgumentException e) {
            String detail = e.getMessage() == null ? "" : e.getMessage().replace(REQUIREMENT_PREFIX, "");
            int link = detail.indexOf(" Check http");
            throw TrainingFailure.invalid(String.format(
                    "no TensorFlow graph bundled with Spark NLP fits this training set (%d tags incl. O, "
                            + "%d distinct characters, %d-dimensional embeddings); the bundled graphs allow at most "
                            + "38 tags, 200 characters at 100 dimensions (120 at 128 and 256) and embedding dimensions "
                            + "100, 128, 256, 300, 384, 512, 768, 1024, 2048, 4096: %s",
                    tags, chars, embeddingsDimension, link > 0 ? detail.substring(0, link) : detail));
        }
    }
}
