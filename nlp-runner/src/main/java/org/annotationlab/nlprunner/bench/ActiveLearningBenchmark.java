package org.annotationlab.nlprunner.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import org.annotationlab.nlprunner.cli.Options;
import org.annotationlab.nlprunner.conll.ConllFormatException;
import org.annotationlab.nlprunner.conll.ConllParser;
import org.annotationlab.nlprunner.conll.ConllSentence;
import org.annotationlab.nlprunner.embeddings.WordVectors;
import org.annotationlab.nlprunner.evaluation.EvaluationResult;
import org.annotationlab.nlprunner.evaluation.GoldTexts;
import org.annotationlab.nlprunner.evaluation.TestSetEvaluation;
import org.annotationlab.nlprunner.serve.LoadedModel;
import org.annotationlab.nlprunner.serve.ModelLoadException;
import org.annotationlab.nlprunner.serve.ModelLoader;
import org.annotationlab.nlprunner.serve.ModelSpec;
import org.annotationlab.nlprunner.serve.TextPrediction;
import org.annotationlab.nlprunner.serve.Uncertainty;
import org.annotationlab.nlprunner.train.InProcessTraining;
import org.annotationlab.nlprunner.train.TrainingFailure;
import org.annotationlab.training.contract.TrainingParameters;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code nlp-runner bench-al --pool <conll> --test <conll> --strategy random|least-confidence|mnlp
 * --seed N --params <json> --output <dir> [--initial 100] [--step 100] [--until 1500]} (issue 23,
 * Q2): a simulated annotator whose completions are the gold tags. The pool's first
 * {@code initial} sentences are drawn at random (seeded); each round trains a model on the
 * sentences labelled so far (the same parameters every round, word vectors learned once from the
 * whole pool's text, as a project's tasks are all known), scores it on the test sentences as the
 * model server tags raw text, then — unless {@code until} is reached — scores the rest of the pool
 * with the model server's code ({@link LoadedModel#predictWithUncertainty}) and labels the
 * {@code step} sentences the strategy puts first: a seeded shuffle, or the highest measure first
 * (annotation-service's uncertainty order, ties in pool order). Prints one JSON line per round.
 */
public final class ActiveLearningBenchmark {

    private static final Set<String> OPTIONS = Set.of("pool", "test", "strategy", "seed", "params", "output", "initial",
            "step", "until");
    private static final int SCORE_CHUNK = 256;

    private final PrintStream stdout;
    private final PrintStream stderr;
    private final ObjectMapper json = new ObjectMapper();

    public ActiveLearningBenchmark(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public int run(List<String> args) throws IOException, ConllFormatException, ModelLoadException, TrainingFailure {
        Options options = Options.parse(args, OPTIONS);
        List<ConllSentence> pool = new ConllParser().parse(Path.of(options.require("pool")));
        List<TestSetEvaluation.GoldTask> test = GoldTexts.tasks(new ConllParser().parse(Path.of(options.require("test"))), false);
        String strategy = options.require("strategy");
        ToDoubleFunction<Uncertainty> measure = switch (strategy) {
            case "random" -> null;
            case "least-confidence" -> Uncertainty::leastConfidence;
            case "mnlp" -> Uncertainty::mnlp;
            default -> throw new IllegalArgumentException("--strategy must be random, least-confidence or mnlp, not " + strategy);
        };
        long seed = Long.parseLong(options.get("seed").orElse("1"));
        int initial = Integer.parseInt(options.get("initial").orElse("100"));
        int step = Integer.parseInt(options.get("step").orElse("100"));
        int until = Math.min(pool.size(), Integer.parseInt(options.get("until").orElse("1500")));
        TrainingParameters parameters = InProcessTraining.parameters(Path.of(options.require("params")));
        Path output = Files.createDirectories(Path.of(options.require("output")));

        WordVectors vectors = InProcessTraining.vectors(pool, parameters.seed(), "the whole pool's text",
                Files.createDirectories(output.resolve("vectors")));
        Random random = new Random(seed);
        List<Integer> unlabelled = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            unlabelled.add(i);
        }
        Collections.shuffle(unlabelled, random);
        List<Integer> labelled = new ArrayList<>(unlabelled.subList(0, initial));
        unlabelled = new ArrayList<>(unlabelled.subList(initial, unlabelled.size()));
        unlabelled.sort(null); // pool order: the uncertainty order's tie-break
        for (int round = 1; ; round++) {
            long started = System.nanoTime();
            List<ConllSentence> training = labelled.stream().map(pool::get).toList();
            Path dir = InProcessTraining.trainAndSave(training, vectors, parameters, output.resolve("round-" + round));
            double trainSeconds = (System.nanoTime() - started) / 1e9;
            LoadedModel model = new ModelLoader(json).load(new ModelSpec("round-" + round, dir.toString()));
            EvaluationResult result = TestSetEvaluation.evaluate(model, test);
            ObjectNode line = json.createObjectNode();
            line.put("event", "al-round");
            line.put("strategy", strategy);
            line.put("seed", seed);
            line.put("round", round);
            line.put("sentences", labelled.size());
            line.put("tokens", training.stream().mapToInt(s -> s.tokens().size()).sum());
            line.put("entities", training.stream().mapToInt(s -> s.entities().size()).sum());
            line.put("testF1", round(result.micro().f1()));
            line.put("testPrecision", round(result.micro().precision()));
            line.put("testRecall", round(result.micro().recall()));
            line.put("trainSeconds", Math.round(trainSeconds));
            if (labelled.size() >= until || unlabelled.isEmpty()) {
                stdout.println(line);
                return 0;
            }
            int take = Math.min(step, Math.min(until - labelled.size(), unlabelled.size()));
            long scoring = System.nanoTime();
            List<Integer> chosen;
            if (measure == null) {
                List<Integer> shuffled = new ArrayList<>(unlabelled);
                Collections.shuffle(shuffled, random);
                chosen = List.copyOf(shuffled.subList(0, take));
            } else {
                chosen = mostUncertain(model, pool, unlabelled, measure, take);
            }
            line.put("scoreSeconds", Math.round((System.nanoTime() - scoring) / 1e9));
            stdout.println(line);
            stderr.printf(Locale.ROOT, "round %d: %d sentences, test F1 %.4f%n", round, labelled.size(), result.micro().f1());
            labelled.addAll(chosen);
            unlabelled.removeAll(Set.copyOf(chosen));
        }
    }

    /** The {@code take} sentences of the unlabelled pool the model is least sure of by the measure, ties in pool order. */
    private static List<Integer> mostUncertain(LoadedModel model, List<ConllSentence> pool, List<Integer> unlabelled,
            ToDoubleFunction<Uncertainty> measure, int take) {
        double[] score = new double[pool.size()];
        for (int from = 0; from < unlabelled.size(); from += SCORE_CHUNK) {
            List<Integer> chunk = unlabelled.subList(from, Math.min(unlabelled.size(), from + SCORE_CHUNK));
            List<TextPrediction> predicted = model.predictWithUncertainty(chunk.stream().map(i -> pool.get(i).text()).toList());
            for (int k = 0; k < chunk.size(); k++) {
                score[chunk.get(k)] = measure.applyAsDouble(predicted.get(k).uncertainty());
            }
        }
        return unlabelled.stream().sorted(Comparator.comparingDouble((Integer i) -> -score[i]).thenComparingInt(i -> i))
                .limit(take).toList();
    }

    private static double round(double value) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.4f", value));
    }
}
