package org.annotationlab.nlprunner.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.annotationlab.nlprunner.TrainedModelFixture;
import org.annotationlab.nlprunner.conll.ConllParser;
import org.annotationlab.nlprunner.conll.ConllSentence;
import org.annotationlab.nlprunner.conll.TokenSpan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

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
    void aBatchOfTextsOfMixedLengthsGetsTheSpansEachTextGetsAlone() {
        // The server tags a batch shortest first and answers in input order: longest first here.
        List<String> texts = sentences.stream().map(ConllSentence::text)
                .sorted(Comparator.comparingInt(String::length).reversed()).limit(20).toList();

        List<List<PredictedSpan>> together = model.predict(texts);

        for (int i = 0; i < texts.size(); i++) {
            assertEquals(offsets(model.predict(List.of(texts.get(i))).get(0)), offsets(together.get(i)), texts.get(i));
        }
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
