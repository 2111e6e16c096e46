package org.annotationlab.nlprunner.tagging;

import org.annotationlab.nlprunner.spark.AnnotationFrames;
import org.annotationlab.training.contract.Tokenization;
import org.apache.spark.ml.PipelineStage;

import com.johnsnowlabs.nlp.DocumentAssembler;
import com.johnsnowlabs.nlp.annotators.RegexTokenizer;
import com.johnsnowlabs.nlp.annotators.sbd.pragmatic.SentenceDetector;

/**
 * How raw task text reaches a saved pipeline's embeddings: DocumentAssembler → SentenceDetector →
 * Spark NLP's {@link RegexTokenizer} splitting on {@link Tokenization#SEPARATOR_PATTERN}, the
 * platform's one token rule. So the model server cuts text as the training set's CoNLL export did
 * (issue 23 §5; {@code TokenizationParityTest} checks every sentence of NCBI-disease and BC5CDR,
 * and raw text with glued punctuation). Spark NLP's rule-based {@code Tokenizer}, used before,
 * kept "IL-2–induced" or "(CALS)," whole, where the export has five and four tokens.
 */
public final class ServingFront {

    private ServingFront() {
    }

    /** The three stages, reading raw text from column {@code textCol}. */
    public static PipelineStage[] stages(String textCol) {
        DocumentAssembler document = new DocumentAssembler();
        document.setInputCol(textCol);
        document.setOutputCol(AnnotationFrames.DOCUMENT);
        SentenceDetector sentence = new SentenceDetector();
        sentence.setInputCols(new String[] {AnnotationFrames.DOCUMENT});
        sentence.setOutputCol(AnnotationFrames.SENTENCE);
        RegexTokenizer tokenizer = new RegexTokenizer();
        tokenizer.setInputCols(new String[] {AnnotationFrames.SENTENCE});
        tokenizer.setOutputCol(AnnotationFrames.TOKEN);
        tokenizer.setPattern(Tokenization.SEPARATOR_PATTERN);
        return new PipelineStage[] {document, sentence, tokenizer};
    }
}
