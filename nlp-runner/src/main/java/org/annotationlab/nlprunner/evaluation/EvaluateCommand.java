package org.annotationlab.nlprunner.evaluation;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.annotationlab.nlprunner.cli.Options;
import org.annotationlab.nlprunner.conll.ConllFormatException;
import org.annotationlab.nlprunner.conll.ConllParser;
import org.annotationlab.nlprunner.conll.ConllSentence;
import org.annotationlab.nlprunner.serve.ModelLoader;
import org.annotationlab.nlprunner.spark.SparkSessions;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.SparkSession;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.johnsnowlabs.nlp.annotators.ner.dl.NerDLModel;

/**
 * {@code nlp-runner evaluate --model <dir> --test-set <conll>}: scores a saved model on a
 * labelled test set (gold tokens, entity level), e.g. for the NCBI-disease benchmark. Prints
 * one JSON line with the metrics on stdout and the table on stderr.
 */
public final class EvaluateCommand {

    private static final Set<String> OPTIONS = Set.of("model", "test-set");

    private final PrintStream stdout;
    private final PrintStream stderr;

    public EvaluateCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Runs the evaluation and returns the exit code (2 for bad arguments or input). */
    public int run(List<String> args) throws IOException {
        List<ConllSentence> sentences;
        Path modelDir;
        try {
            Options options = Options.parse(args, OPTIONS);
            modelDir = ModelLoader.modelDir(Path.of(options.require("model")));
            sentences = new ConllParser().parse(Path.of(options.require("test-set")));
        } catch (IllegalArgumentException | ConllFormatException e) {
            stderr.println("INVALID_PARAMETERS: " + e.getMessage());
            return 2;
        }
        SparkSession spark = SparkSessions.local();
        long started = System.nanoTime();
        Transformer[] stages = PipelineModel.load(modelDir.toString()).stages();
        // The saved pipeline is DocumentAssembler, SentenceDetector, a tokenizer, embeddings, NER:
        // the test set brings its own tokens, so only the last two stages run.
        EvaluationResult result = new HeldOutEvaluation(spark).evaluate(stages[stages.length - 2],
                (NerDLModel) stages[stages.length - 1], sentences);
        stderr.print(result.table());
        ObjectMapper json = new ObjectMapper();
        ObjectNode line = json.createObjectNode();
        line.put("event", "evaluated");
        line.put("sentences", result.sentences());
        line.put("precision", result.micro().precision());
        line.put("recall", result.micro().recall());
        line.put("f1", result.micro().f1());
        line.put("seconds", (System.nanoTime() - started) / 1e9);
        stdout.println(line);
        return 0;
    }
}
