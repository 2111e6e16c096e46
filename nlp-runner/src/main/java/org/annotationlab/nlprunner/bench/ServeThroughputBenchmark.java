package org.annotationlab.nlprunner.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.annotationlab.nlprunner.cli.Options;
import org.annotationlab.nlprunner.conll.ConllFormatException;
import org.annotationlab.nlprunner.conll.ConllParser;
import org.annotationlab.nlprunner.conll.ConllSentence;
import org.annotationlab.nlprunner.serve.ModelLoadException;
import org.annotationlab.nlprunner.serve.ModelLoader;
import org.annotationlab.nlprunner.serve.ModelRegistry;
import org.annotationlab.nlprunner.serve.ModelServer;
import org.annotationlab.nlprunner.serve.ModelSpec;
import org.annotationlab.nlprunner.spark.SparkSessions;
import org.apache.spark.ml.PipelineModel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.johnsnowlabs.nlp.LightPipeline;

/**
 * {@code nlp-runner bench-serve --model <dir> --texts <conll> [--sentences 1000] [--batch 50]}:
 * the P2 baseline. In one JVM it measures sentences/s of a bare LightPipeline over the texts and
 * of the same model behind the model server's POST /predict (sequential client, same batches),
 * after a warm-up pass of each. Prints one JSON line with both rates and their ratio.
 */
public final class ServeThroughputBenchmark {

    private static final Set<String> OPTIONS = Set.of("model", "texts", "sentences", "batch");

    private final PrintStream stdout;
    private final PrintStream stderr;
    private final ObjectMapper json = new ObjectMapper();

    public ServeThroughputBenchmark(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Runs the benchmark and returns the exit code. */
    public int run(List<String> args) throws IOException, InterruptedException, ConllFormatException,
            ModelLoadException {
        Options options = Options.parse(args, OPTIONS);
        int count = Integer.parseInt(options.get("sentences").orElse("1000"));
        int batch = Integer.parseInt(options.get("batch").orElse("50"));
        List<String> texts = new ConllParser().parse(Path.of(options.require("texts"))).stream()
                .limit(count).map(ConllSentence::text).toList();
        List<List<String>> batches = batches(texts, batch);
        SparkSessions.local();
        ModelSpec spec = new ModelSpec("bench", options.require("model"));
        Path modelDir = ModelLoader.modelDir(Path.of(spec.path()));
        LightPipeline bare = new LightPipeline(PipelineModel.load(modelDir.toString()), false);
        ModelRegistry registry = new ModelRegistry(new ModelLoader(json));
        registry.replace(List.of(spec));
        try (ModelServer server = ModelServer.start("127.0.0.1", 0, registry, json, stderr)) {
            HttpClient client = HttpClient.newHttpClient();
            URI predict = URI.create("http://127.0.0.1:" + server.port() + "/predict");
            timeBare(bare, batches);       // warm-up
            timeServed(client, predict, batches);
            double bareSeconds = timeBare(bare, batches);
            double servedSeconds = timeServed(client, predict, batches);
            ObjectNode line = json.createObjectNode();
            line.put("sentences", texts.size());
            line.put("batch", batch);
            line.put("lightPipelineSentencesPerSecond", texts.size() / bareSeconds);
            line.put("servedSentencesPerSecond", texts.size() / servedSeconds);
            line.put("ratio", bareSeconds / servedSeconds);
            stdout.println(line);
            stderr.printf(Locale.ROOT, "LightPipeline %.1f sentences/s, served %.1f sentences/s, ratio %.3f%n",
                    texts.size() / bareSeconds, texts.size() / servedSeconds, bareSeconds / servedSeconds);
        }
        return 0;
    }

    /** Bare LightPipeline annotation, the call the server makes, without HTTP, JSON or span decoding. */
    private static double timeBare(LightPipeline pipeline, List<List<String>> batches) {
        long started = System.nanoTime();
        for (List<String> batch : batches) {
            pipeline.fullAnnotateJava(new ArrayList<>(batch));
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private double timeServed(HttpClient client, URI predict, List<List<String>> batches)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        for (List<String> batch : batches) {
            ObjectNode body = json.createObjectNode();
            body.set("texts", json.valueToTree(batch));
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(predict)
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("predict answered " + response.statusCode() + ": " + response.body());
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static List<List<String>> batches(List<String> texts, int size) {
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < texts.size(); i += size) {
            batches.add(texts.subList(i, Math.min(texts.size(), i + size)));
        }
        return batches;
    }
}
