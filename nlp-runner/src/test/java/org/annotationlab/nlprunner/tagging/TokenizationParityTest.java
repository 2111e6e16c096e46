package org.annotationlab.nlprunner.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.annotationlab.nlprunner.evaluation.GoldTexts;
import org.annotationlab.nlprunner.conll.ConllFormatException;
import org.annotationlab.nlprunner.conll.ConllParser;
import org.annotationlab.nlprunner.conll.ConllSentence;
import org.annotationlab.nlprunner.spark.AnnotationFrames;
import org.annotationlab.nlprunner.spark.SparkSessions;
import org.annotationlab.training.contract.Tokenization;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import com.johnsnowlabs.nlp.Annotation;
import com.johnsnowlabs.nlp.IAnnotation;
import com.johnsnowlabs.nlp.LightPipeline;

import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Train/serve parity of tokens (issue 23 §5): for every sentence of NCBI-disease and BC5CDR, as a
 * task's raw text — its tokens joined by spaces, as the demo imports them, and glued as prose
 * writes them ("IL-2", "(CALS),") —, the tokens the serving
 * pipeline's front ({@link ServingFront}: document, sentences, tokens) cuts are exactly the tokens of
 * the rule the training-set export writes ({@link Tokenization}): same text, same offsets.
 */
class TokenizationParityTest {

    private static final Path DATASETS = Path.of(System.getProperty("lab.corpora", "../demo/data/corpora"));

    @Test
    void servingTokensAreTheExportedTokensOnEverySentenceOfBothCorpora() throws Exception {
        LightPipeline front = new LightPipeline(front(), false);
        int sentences = 0;
        List<String> mismatches = new ArrayList<>();
        for (String corpus : List.of("ncbi-disease", "bc5cdr")) {
            for (String split : List.of("train.tsv", "devel.tsv", "test.tsv")) {
                List<String> texts = texts(DATASETS.resolve(corpus).resolve(split));
                sentences += texts.size();
                for (int from = 0; from < texts.size(); from += 256) {
                    List<String> chunk = texts.subList(from, Math.min(texts.size(), from + 256));
                    scala.collection.immutable.Map<String, Seq<IAnnotation>>[] annotated = front.fullAnnotate(chunk.toArray(String[]::new));
                    for (int i = 0; i < chunk.size(); i++) {
                        List<String> served = served(annotated[i]);
                        List<String> exported = Tokenization.tokenize(chunk.get(i)).stream()
                                .map(t -> t.text() + "@" + t.start()).toList();
                        if (!served.equals(exported)) {
                            mismatches.add(corpus + "/" + split + ": " + chunk.get(i) + "\n  served   " + served
                                    + "\n  exported " + exported);
                        }
                    }
                }
            }
        }
        assertTrue(sentences > 40_000, "both corpora read, each sentence in two forms: " + sentences + " texts");
        assertEquals(0, mismatches.size(), mismatches.size() + " of " + sentences + " sentences differ, e.g.\n"
                + String.join("\n", mismatches.subList(0, Math.min(5, mismatches.size()))));
    }

    /** Raw texts of the cases the corpora do not have: no space before punctuation, other spaces, letters beyond ASCII. */
    @Test
    void rawTextWithGluedPunctuationAndOtherSpaces() {
        LightPipeline front = new LightPipeline(front(), false);
        String text = "IL-2–induced café-au-lait spots (CALS),\u00a0in 5'-UTR;x²…";
        List<String> served = served(front.fullAnnotate(new String[] {text})[0]);
        List<String> exported = Tokenization.tokenize(text).stream().map(t -> t.text() + "@" + t.start()).toList();
        assertEquals(exported, served);
        assertEquals(List.of("IL", "-", "2", "–", "induced", "café", "-", "au", "-", "lait", "spots", "(", "CALS", ")", ",",
                "in", "5", "'", "-", "UTR", ";", "x²", "…"), Tokenization.tokenize(text).stream().map(Tokenization.Token::text).toList());
    }

    private static PipelineModel front() {
        return new Pipeline().setStages(ServingFront.stages("text")).fit(SparkSessions.local().createDataFrame(
                List.of(RowFactory.create("Fit.")), new StructType().add("text", DataTypes.StringType)));
    }

    private static List<String> served(scala.collection.immutable.Map<String, Seq<IAnnotation>> annotated) {
        List<String> tokens = new ArrayList<>();
        for (IAnnotation value : JavaConverters.seqAsJavaList(annotated.get(AnnotationFrames.TOKEN).get())) {
            Annotation token = (Annotation) value;
            tokens.add(token.result() + "@" + token.begin());
        }
        return tokens;
    }

    private static List<String> texts(Path conll) throws IOException, ConllFormatException {
        assertTrue(Files.isRegularFile(conll), conll + " is missing");
        List<String> texts = new ArrayList<>();
        for (ConllSentence sentence : new ConllParser().parse(conll)) {
            texts.add(String.join(" ", sentence.tokens()));
            texts.add(GoldTexts.prose(sentence.tokens()));
        }
        return texts;
    }
}
