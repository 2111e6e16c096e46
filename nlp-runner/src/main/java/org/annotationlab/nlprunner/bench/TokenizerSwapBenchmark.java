package org.annotationlab.nlprunner.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.annotationlab.nlprunner.cli.Options;
import org.annotationlab.nlprunner.conll.ConllFormatException;
import org.annotationlab.nlprunner.conll.ConllParser;
import org.annotationlab.nlprunner.evaluation.EvaluationResult;
import org.annotationlab.nlprunner.evaluation.GoldTexts;
import org.annotationlab.nlprunner.evaluation.TestSetEvaluation;
import org.annotationlab.nlprunner.serve.ModelLoadException;
import org.annotationlab.nlprunner.serve.ModelLoader;
import org.annotationlab.nlprunner.serve.ModelSpec;
import org.annotationlab.nlprunner.spark.SparkSessions;
import org.annotationlab.nlprunner.tagging.ServingFront;
import org.annotationlab.training.contract.RunFiles;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code nlp-runner bench-tokens --model <dir> --texts <conll> [--glue true]} (issue 23 §5): the
 * pre-annotation F1 of one saved model on the sentences of a CoNLL file as raw task text (gold
 * entities as character spans), scored as the model server tags, first with the model's own saved
 * tokenizer, then with the same model behind {@link ServingFront}, the platform's tokenizer.
 * Tokens are joined by spaces, or with {@code --glue true} as prose writes them: no space before
 * {@code , . ; : ) ] %}, none after {@code ( [}, none around {@code - /} ("IL-2", "(CALS),").
 * Prints one JSON line with both.
 */
public final class TokenizerSwapBenchmark {

    private static final Set<String> OPTIONS = Set.of("model", "texts", "glue");

    private final PrintStream stdout;
    private final PrintStream stderr;
    private final ObjectMapper json = new ObjectMapper();

    public TokenizerSwapBenchmark(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public int run(List<String> args) throws IOException, ConllFormatException, ModelLoadException {
        Options options = Options.parse(args, OPTIONS);
        Path model = Path.of(options.require("model"));
        boolean glue = options.get("glue").map(Boolean::parseBoolean).orElse(false);
        List<TestSetEvaluation.GoldTask> tasks = GoldTexts.tasks(new ConllParser().parse(Path.of(options.require("texts"))), glue);
        SparkSessions.local();
        EvaluationResult before = TestSetEvaluation.evaluate(new ModelLoader(json).load(new ModelSpec("saved", model.toString())), tasks);
        Path swapped = swapFront(model);
        EvaluationResult after = TestSetEvaluation.evaluate(new ModelLoader(json).load(new ModelSpec("swapped", swapped.toString())), tasks);
        stderr.println("with the model's saved tokenizer:\n" + before.table() + "\nwith the platform's tokenizer:\n" + after.table());
        ObjectNode line = json.createObjectNode();
        line.put("event", "tokenizer-swap");
        line.put("sentences", tasks.size());
        line.put("glued", glue);
        line.put("savedTokenizerF1", round(before.micro().f1()));
        line.put("savedTokenizerPrecision", round(before.micro().precision()));
        line.put("savedTokenizerRecall", round(before.micro().recall()));
        line.put("platformTokenizerF1", round(after.micro().f1()));
        line.put("platformTokenizerPrecision", round(after.micro().precision()));
        line.put("platformTokenizerRecall", round(after.micro().recall()));
        stdout.println(line);
        return 0;
    }

    /** The saved model with its first three stages replaced by {@link ServingFront}'s, in a temporary run folder. */
    private static Path swapFront(Path model) throws IOException {
        Transformer[] saved = PipelineModel.load(ModelLoader.modelDir(model).toString()).stages();
        PipelineStage[] front = ServingFront.stages("text");
        PipelineStage[] stages = {front[0], front[1], front[2], saved[saved.length - 2], saved[saved.length - 1]};
        PipelineModel pipeline = new Pipeline().setStages(stages).fit(SparkSessions.local().createDataFrame(
                List.of(RowFactory.create("Fit.")), new StructType().add("text", DataTypes.StringType)));
        Path dir = Files.createTempDirectory("bench-tokens");
        pipeline.write().overwrite().save(dir.resolve(RunFiles.MODEL).toString());
        Path labels = model.resolve(RunFiles.LABELS);
        if (Files.isRegularFile(labels)) {
            Files.copy(labels, dir.resolve(RunFiles.LABELS), StandardCopyOption.REPLACE_EXISTING);
        }
        return dir;
    }

    private static double round(double value) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.4f", value));
    }
}
