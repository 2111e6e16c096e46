package org.annotationlab.nlprunner.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.annotationlab.nlprunner.conll.BioTags;
import org.annotationlab.nlprunner.conll.ConllSentence;
import org.annotationlab.nlprunner.embeddings.GloveFileSource;
import org.annotationlab.nlprunner.embeddings.Word2VecSource;
import org.annotationlab.nlprunner.embeddings.WordVectorSource;
import org.annotationlab.nlprunner.embeddings.WordVectors;
import org.annotationlab.nlprunner.evaluation.EntityEvaluator;
import org.annotationlab.nlprunner.evaluation.EvaluationResult;
import org.annotationlab.nlprunner.evaluation.HeldOutEvaluation;
import org.annotationlab.nlprunner.evaluation.TestSetEvaluation;
import org.annotationlab.nlprunner.serve.LoadedModel;
import org.annotationlab.nlprunner.serve.ModelLoadException;
import org.annotationlab.nlprunner.serve.ModelLoader;
import org.annotationlab.nlprunner.serve.ModelSpec;
import org.annotationlab.nlprunner.spark.SparkSessions;
import org.annotationlab.training.contract.Metrics;
import org.annotationlab.training.contract.RunFiles;
import org.annotationlab.training.contract.TrainingParameters;
import org.apache.spark.sql.SparkSession;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One training run from validated input to saved outputs: data checks, embeddings, NerDL
 * training with progress events, held-out evaluation, then model, log, metrics and labels.
 */
final class TrainingRun {

    private static final Pattern EPOCH_LINE =
            Pattern.compile("Epoch (\\d+)/(\\d+) - ([\\d.,]+)s - loss: (\\S+) - batches: (\\d+)");

    private final ObjectMapper json;
    private final ProgressEvents events;
    private final PrintStream stderr;

    TrainingRun(ObjectMapper json, ProgressEvents events, PrintStream stderr) {
        this.json = json;
        this.events = events;
        this.stderr = stderr;
    }

    /** Runs the request and returns the success message. */
    String execute(TrainRequest request, Path work) throws TrainingFailure, IOException {
        long startNanos = System.nanoTime();
        TrainingParameters parameters = ParamsFile.read(request.params(), json);
        TrainingData data = TrainingData.load(request, parameters, work);
        TestSetEvaluation.TestSet testSet = readTestSet(request);
        try (TrainingLog log = new TrainingLog(request.output().resolve(RunFiles.LOG), stderr)) {
            data.describe(log, parameters);
            WordVectorSource vectorSource = vectorSource(request, data, parameters);
            // A given vectors file is checked (and its dimension read) before the graph is chosen;
            // learned vectors have a fixed dimension, so the graph check comes before learning them.
            WordVectors vectors = vectorSource instanceof GloveFileSource ? vectorSource.prepare(work) : null;
            String graph = BundledGraphs.select(data.training(),
                    vectors != null ? vectors.dimension() : Word2VecSource.dimension());
            Path graphFolder = work.resolve("graph");
            int seededOps = SeededGraph.write(graph, parameters.seed(), graphFolder);
            log.line("TensorFlow graph: bundled " + graph + ", " + seededOps + " random ops seeded with " + parameters.seed());
            log.line(TensorFlowSessions.describe());
            events.started(request.trainingSet(), request.output().toString(), parameters, data.training().size(),
                    data.validation().size());
            if (vectors == null) {
                vectors = vectorSource.prepare(work);
            }
            log.line("Embeddings: " + vectors.description());
            Path nerDlLogs = Files.createDirectories(work.resolve("nerdl-logs"));
            List<Metrics.CurvePoint> curve = curve(request, data, vectors, parameters, graphFolder, testSet, work, log);
            NerTrainer.TrainedModel model = new NerTrainer(spark()).train(
                    data.training(), vectors, parameters, graphFolder, nerDlLogs, line -> onNerDlLine(line, log));

            events.evaluating(data.validation().size());
            EvaluationResult result = data.validation().isEmpty()
                    ? new EntityEvaluator().evaluate(List.of(), List.of())
                    : new HeldOutEvaluation(spark()).evaluate(model.embeddings(), model.ner(), data.validation());
            log.line("Evaluation on " + result.sentences() + " held-out sentences (entity level, exact span):");
            log.line(result.table());

            Path modelDir = request.output().resolve(RunFiles.MODEL);
            model.serving().write().overwrite().save(modelDir.toString());
            TrainingArtifacts artifacts = new TrainingArtifacts(json);
            artifacts.writeLabels(request.output(), labels(data.training()));
            TrainingArtifacts.TestFacts test = test(testSet, request, log);
            Metrics metrics = TrainingArtifacts.metrics(result, data.facts(), test, curve);
            artifacts.writeMetrics(request.output(), metrics);
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            log.line(String.format(Locale.ROOT, "Saved model to %s; run took %.1f s", modelDir, seconds));
            events.finished(metrics, modelDir.toString());
            return String.format(Locale.ROOT, "trained on %d sentences in %.0f s; micro F1 %.4f on %d held-out sentences",
                    data.training().size(), seconds, result.micro().f1(), result.sentences())
                    + (test == null ? "; no test set" : String.format(Locale.ROOT, ", %.4f on %d test tasks",
                            test.result().micro().f1(), test.tasks()));
        }
    }

    /**
     * Scores the saved model on the test set as the model server would (loaded from the run's
     * output, raw text in, character spans out); null, said in the log, when there is none.
     */
    private TrainingArtifacts.TestFacts test(TestSetEvaluation.TestSet testSet, TrainRequest request, TrainingLog log)
            throws IOException {
        if (testSet == null) {
            log.line("No test set given: the figures above, on held-out validation sentences, are the run's only scores.");
            return null;
        }
        if (testSet.tasks().isEmpty()) {
            log.line("The test set is empty (no test task has a submitted completion): the figures above, on held-out "
                    + "validation sentences, are the run's only scores.");
            return null;
        }
        EvaluationResult result = scoreSaved(request.output(), testSet);
        log.line("Test set: " + testSet.tasks().size() + " tasks, " + testSet.entities() + " gold spans (SHA-256 "
                + testSet.sha256() + "), tagged as the model server tags them (raw text, character spans, exact match):");
        log.line(result.table());
        EvaluationResult baseline = request.baselineModel().map(spec -> baseline(spec, testSet, log)).orElse(null);
        return new TrainingArtifacts.TestFacts(result, testSet.tasks().size(), testSet.entities(), testSet.sha256(),
                request.baselineModel().map(ModelSpec::name).orElse(null), baseline);
    }

    /** The model saved in {@code runDir}, loaded as the model server loads it and scored on the test set. */
    private EvaluationResult scoreSaved(Path runDir, TestSetEvaluation.TestSet testSet) throws IOException {
        try {
            return TestSetEvaluation.evaluate(new ModelLoader(json).load(new ModelSpec("test", runDir.toString())),
                    testSet.tasks());
        } catch (ModelLoadException e) {
            throw new IOException("the saved model in " + runDir + " does not load: " + e.getMessage(), e);
        }
    }

    /**
     * The model the project deploys now, scored on the same test set by the same code, for the
     * quality gate; null, said in the log, when it cannot be loaded (the run itself stands).
     */
    private EvaluationResult baseline(ModelSpec spec, TestSetEvaluation.TestSet testSet, TrainingLog log) {
        LoadedModel deployed;
        try {
            deployed = new ModelLoader(json).load(spec);
        } catch (ModelLoadException | RuntimeException e) {
            log.line("The deployed model " + spec.name() + " could not be scored on the test set (" + e.getMessage()
                    + "): the quality gate has no figure of it on this test set.");
            return null;
        }
        EvaluationResult result = TestSetEvaluation.evaluate(deployed, testSet.tasks());
        log.line(String.format(Locale.ROOT, "The deployed model %s on the same test set (the quality gate's baseline): "
                + "micro F1 %.4f", spec.name(), result.micro().f1()));
        log.line(result.table());
        return result;
    }

    /**
     * A train curve's points (issue 23 §3), null for an ordinary run: for each fraction, a model
     * trained with the run's parameters, seed, graph and vectors on that first share of the run's
     * training sentences (in the split's seeded order), scored as the run is scored — on the test
     * set through the serving path, or on the validation sentences without one.
     */
    private List<Metrics.CurvePoint> curve(TrainRequest request, TrainingData data, WordVectors vectors,
            TrainingParameters parameters, Path graphFolder, TestSetEvaluation.TestSet testSet, Path work, TrainingLog log)
            throws IOException {
        if (request.curve().isEmpty()) {
            return null;
        }
        boolean onTest = testSet != null && !testSet.tasks().isEmpty();
        List<Metrics.CurvePoint> points = new ArrayList<>();
        for (double fraction : request.curve()) {
            int n = Math.max(1, (int) Math.round(fraction * data.training().size()));
            log.line(String.format(Locale.ROOT, "Train curve: %.0f %% of the training set, %d sentences", fraction * 100, n));
            Path dir = Files.createDirectories(work.resolve(String.format(Locale.ROOT, "curve-%.2f", fraction)));
            NerTrainer.TrainedModel model = new NerTrainer(spark()).train(data.training().subList(0, n), vectors, parameters,
                    graphFolder, Files.createDirectories(dir.resolve("nerdl-logs")), line -> onNerDlLine(line, log));
            EvaluationResult result;
            if (onTest) {
                model.serving().write().overwrite().save(dir.resolve(RunFiles.MODEL).toString());
                result = scoreSaved(dir, testSet);
            } else {
                result = new HeldOutEvaluation(spark()).evaluate(model.embeddings(), model.ner(), data.validation());
            }
            log.line(String.format(Locale.ROOT, "Train curve: %.0f %% (%d sentences): micro F1 %.4f on %s", fraction * 100, n,
                    result.micro().f1(), onTest ? testSet.tasks().size() + " test tasks"
                            : result.sentences() + " held-out sentences"));
            points.add(new Metrics.CurvePoint(fraction, n, onTest, TrainingArtifacts.score(result.micro(), 0)));
        }
        return List.copyOf(points);
    }

    /** The test set, read (and checked) before training; null without one. */
    private TestSetEvaluation.TestSet readTestSet(TrainRequest request) throws IOException, TrainingFailure {
        if (request.testSet().isEmpty()) {
            return null;
        }
        try {
            return TestSetEvaluation.read(request.testSet().get(), json);
        } catch (IllegalArgumentException e) {
            throw TrainingFailure.invalid("test set: " + e.getMessage());
        }
    }

    private WordVectorSource vectorSource(TrainRequest request, TrainingData data, TrainingParameters parameters)
            throws TrainingFailure {
        if (request.embeddings().isPresent()) {
            return new GloveFileSource(request.embeddings().get());
        }
        List<List<String>> texts = new ArrayList<>(InProcessTraining.lowercased(data.allTexts()));
        String corpus = "the training set's sentences";
        if (request.unlabelled().isPresent()) {
            texts.addAll(Word2VecSource.readUnlabelled(request.unlabelled().get()));
            corpus += " plus unlabelled text " + request.unlabelled().get();
        }
        return new Word2VecSource(TrainingRun::spark, texts, parameters.seed(), corpus);
    }

    private void onNerDlLine(String line, TrainingLog log) {
        log.line("nerdl: " + line);
        Matcher epoch = EPOCH_LINE.matcher(line);
        if (epoch.find()) {
            events.epoch(Integer.parseInt(epoch.group(1)), Integer.parseInt(epoch.group(2)),
                    parseNumber(epoch.group(4)), parseNumber(epoch.group(3)));
        }
    }

    private static double parseNumber(String text) {
        try {
            return Double.parseDouble(text.replace(',', '.'));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static List<String> labels(List<ConllSentence> sentences) {
        TreeSet<String> labels = new TreeSet<>();
        sentences.forEach(s -> s.tags().stream().map(BioTags::label).filter(l -> l != null).forEach(labels::add));
        return List.copyOf(labels);
    }

    private static SparkSession spark() {
        return SparkSessions.local();
    }
}
