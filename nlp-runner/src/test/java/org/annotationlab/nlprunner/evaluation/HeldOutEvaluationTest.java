package org.annotationlab.nlprunner.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.annotationlab.nlprunner.TrainedModelFixture;
import org.annotationlab.nlprunner.conll.ConllParser;
import org.annotationlab.nlprunner.conll.ConllSentence;
import org.annotationlab.nlprunner.spark.SparkSessions;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.junit.jupiter.api.Test;

import com.johnsnowlabs.nlp.annotators.ner.dl.NerDLModel;

/**
 * Evaluation tags a sentence the same whatever else is in its TensorFlow batch: the same
 * sentences at batch sizes 1, 16 and 64, in corpus order and shuffled, get the same tags (issue 25:
 * NerDL pads a batch's characters to its longest word, and 1 sentence in 150 changed with it).
 */
class HeldOutEvaluationTest {

    @Test
    void aSentenceGetsTheSameTagsWhateverTheBatchSizeAndOrder() throws Exception {
        assertEquals(0, TrainedModelFixture.run().exitCode());
        Transformer[] stages = PipelineModel.load(TrainedModelFixture.output().resolve("model").toString()).stages();
        Transformer embeddings = stages[3];
        NerDLModel ner = (NerDLModel) stages[4];
        List<ConllSentence> sentences = new ConllParser().parse(TrainedModelFixture.SAMPLE);
        List<Integer> shuffled = IntStream.range(0, sentences.size()).boxed().collect(Collectors.toList());
        Collections.shuffle(shuffled, new Random(7));

        List<List<String>> alone = new HeldOutEvaluation(SparkSessions.local(), 1).tag(embeddings, ner, sentences);

        assertTrue(alone.stream().flatMap(List::stream).anyMatch(tag -> !"O".equals(tag)), "the model tagged no entity");
        for (int batchSize : new int[] {1, 16, 64}) {
            HeldOutEvaluation evaluation = new HeldOutEvaluation(SparkSessions.local(), batchSize);
            assertSameTags(alone, evaluation.tag(embeddings, ner, sentences), sentences, "batch " + batchSize + ", corpus order");
            List<List<String>> tags = evaluation.tag(embeddings, ner, shuffled.stream().map(sentences::get).toList());
            List<List<String>> inCorpusOrder = new ArrayList<>(Collections.nCopies(sentences.size(), null));
            for (int k = 0; k < shuffled.size(); k++) {
                inCorpusOrder.set(shuffled.get(k), tags.get(k));
            }
            assertSameTags(alone, inCorpusOrder, sentences, "batch " + batchSize + ", shuffled");
        }
    }

    private static void assertSameTags(List<List<String>> expected, List<List<String>> actual,
                                       List<ConllSentence> sentences, String how) {
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                differences.add("sentence " + i + " \"" + sentences.get(i).text() + "\": alone " + expected.get(i)
                        + ", " + how + " " + actual.get(i));
            }
        }
        assertTrue(differences.isEmpty(), differences.size() + " of " + expected.size() + " sentences tagged differently at "
                + how + ":\n" + String.join("\n", differences));
    }
}
