package org.annotationlab.nlprunner.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.annotationlab.nlprunner.TrainedModelFixture;
import org.annotationlab.nlprunner.conll.ConllParser;
import org.annotationlab.nlprunner.conll.ConllSentence;
import org.annotationlab.nlprunner.conll.TokenSpan;
import org.apache.spark.ml.PipelineModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.johnsnowlabs.nlp.LightPipeline;
import com.johnsnowlabs.nlp.annotators.ner.dl.NerDLModel;

/** The saved model reloads from disk and predicts character-offset spans on raw text. */
class LoadedModelTest {

    private static LoadedModel model;
    private static List<ConllSentence> sentences;

    @BeforeAll
    static void load() throws Exception {
        assertEquals(0, TrainedModelFixture.run().exitCode());
        model = new ModelLoader(new ObjectMapper()).load(
                new ModelSpec("disease", TrainedModelFixture.output().toString()));
        sentences = new ConllParser().parse(TrainedModelFixture.SAMPLE).subList(0, 60);
    }

    @Test
    void reloadedModelKnowsItsLabels() {
        assertEquals(List.of("Disease"), model.labels());
        assertEquals("disease", model.name());
    }

    @Test
    void predictsSpansWhoseOffsetsPointIntoTheGivenText() {
        List<String> texts = sentences.stream().map(ConllSentence::text).toList();

        List<List<PredictedSpan>> results = model.predict(texts);

        assertEquals(texts.size(), results.size());
        int spans = 0;
        for (int i = 0; i < texts.size(); i++) {
            for (PredictedSpan span : results.get(i)) {
                assertTrue(0 <= span.start() && span.start() < span.end() && span.end() <= texts.get(i).length());
                assertEquals(texts.get(i).substring(span.start(), span.end()), span.text());
                assertEquals("Disease", span.label());
                assertEquals("disease", span.model());
                assertTrue(span.confidence() > 0 && span.confidence() <= 1, "confidence " + span.confidence());
                spans++;
            }
        }
        assertTrue(spans > 0, "the model found no entity in 60 training sentences");
    }

    @Test
    void measuresItsUncertaintyAboutEachTextFromEveryTagsProbability() {
        List<String> texts = new ArrayList<>(sentences.stream().map(ConllSentence::text).toList());
        texts.add("");

        List<TextPrediction> results = model.predictWithUncertainty(texts);

        double maxEntropy = Math.log(3); // B-Disease, I-Disease, O
        for (int i = 0; i < sentences.size(); i++) {
            Uncertainty u = results.get(i).uncertainty();
            assertEquals(sentences.get(i).tokens().size(), u.tokens(), texts.get(i));
            assertTrue(u.mnlp() >= 0 && Double.isFinite(u.mnlp()), "mnlp " + u.mnlp());
            assertEquals(1 - Math.exp(-u.mnlp() * u.tokens()), u.leastConfidence(), 1e-9);
            assertTrue(u.entropy() >= 0 && u.entropy() <= maxEntropy + 1e-9, "entropy " + u.entropy());
        }
        assertEquals(new Uncertainty(0, 0, 0, 0), results.get(texts.size() - 1).uncertainty());
        assertTrue(results.subList(0, sentences.size()).stream().mapToDouble(r -> r.uncertainty().mnlp()).distinct().count() > 1,
                "every text equally uncertain: the measure orders nothing");
        assertEquals(model.predict(texts), results.stream().map(TextPrediction::spans).toList());
    }

    @Test
    void findsSomeOfTheGoldMentionsOfSentencesItWasTrainedOn() {
        Set<String> gold = new HashSet<>();
        Set<String> found = new HashSet<>();
        List<List<PredictedSpan>> results = model.predict(sentences.stream().map(ConllSentence::text).toList());
        for (int i = 0; i < sentences.size(); i++) {
            ConllSentence sentence = sentences.get(i);
            for (TokenSpan span : sentence.entities()) {
                gold.add(i + ":" + String.join(" ", sentence.tokens().subList(span.start(), span.end())));
            }
            for (PredictedSpan span : results.get(i)) {
                found.add(i + ":" + span.text());
            }
        }
        found.retainAll(gold);
        assertFalse(found.isEmpty(), "no predicted span equals a gold mention");
    }

    @Test
    void aTextGetsTheSameSpansWhateverTheBatchSizeAndOrderOfTheRequest() throws Exception {
        // Issue 25: NerDL pads a TensorFlow batch's characters to its longest word, and a sentence's
        // spans changed with the other sentences of the request. All 300 sample sentences, at
        // batch sizes 1, 16 and 64, in corpus order and shuffled.
        List<String> texts = new ConllParser().parse(TrainedModelFixture.SAMPLE).stream().map(ConllSentence::text).toList();
        List<Integer> shuffled = IntStream.range(0, texts.size()).boxed().collect(Collectors.toList());
        Collections.shuffle(shuffled, new Random(7));
        PipelineModel pipeline = PipelineModel.load(TrainedModelFixture.output().resolve("model").toString());
        NerDLModel ner = (NerDLModel) pipeline.stages()[pipeline.stages().length - 1];
        List<List<String>> alone = null;
        for (int batchSize : new int[] {1, 16, 64}) {
            LoadedModel batched = new LoadedModel("disease", "fixture", List.of("Disease"),
                    new LightPipeline(pipeline, false), ner, batchSize);

            List<List<String>> inCorpusOrder = batched.predict(texts).stream().map(LoadedModelTest::offsets).toList();
            List<List<PredictedSpan>> results = batched.predict(shuffled.stream().map(texts::get).toList());
            List<List<String>> whenShuffled = new ArrayList<>(Collections.nCopies(texts.size(), null));
            for (int k = 0; k < shuffled.size(); k++) {
                whenShuffled.set(shuffled.get(k), offsets(results.get(k)));
            }

            if (alone == null) {
                alone = inCorpusOrder;
                assertTrue(alone.stream().anyMatch(spans -> !spans.isEmpty()), "the model found no entity");
            }
            assertSameSpans(alone, inCorpusOrder, texts, "batch " + batchSize + ", corpus order");
            assertSameSpans(alone, whenShuffled, texts, "batch " + batchSize + ", shuffled");
        }
    }

    private static void assertSameSpans(List<List<String>> expected, List<List<String>> actual, List<String> texts,
                                        String how) {
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                differences.add("text " + i + " \"" + texts.get(i) + "\": alone " + expected.get(i) + ", " + how + " "
                        + actual.get(i));
            }
        }
        assertTrue(differences.isEmpty(), differences.size() + " of " + expected.size() + " texts got other spans at "
                + how + ":\n" + String.join("\n", differences));
    }

    private static List<String> offsets(List<PredictedSpan> spans) {
        return spans.stream().map(s -> s.start() + "-" + s.end() + ":" + s.label()).toList();
    }

    @Test
    void offsetsStayCorrectWithLeadingWhitespaceSeveralSentencesSlashesAndEmptyText() {
        String text = "  \n" + sentences.get(0).text() + "\n\nAnd/or " + sentences.get(1).text();
        List<String> texts = new ArrayList<>(List.of(text, "", "/etc/hostname"));

        List<List<PredictedSpan>> results = model.predict(texts);

        for (PredictedSpan span : results.get(0)) {
            assertEquals(text.substring(span.start(), span.end()), span.text());
        }
        assertTrue(results.get(1).isEmpty());
        assertEquals(3, results.size());
    }

    @Test
    void pathWithoutASavedPipelineFailsToLoadWithAClearMessage() {
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> new ModelLoader(new ObjectMapper()).load(new ModelSpec("x", "/nonexistent")));

        assertTrue(e.getMessage().contains("/nonexistent"), e.getMessage());
    }
}
