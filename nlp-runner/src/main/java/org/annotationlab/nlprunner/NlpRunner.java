package org.annotationlab.nlprunner;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.annotationlab.nlprunner.bench.ActiveLearningBenchmark;
import org.annotationlab.nlprunner.bench.ServeThroughputBenchmark;
import org.annotationlab.nlprunner.bench.TokenizerSwapBenchmark;
import org.annotationlab.nlprunner.evaluation.EvaluateCommand;
import org.annotationlab.nlprunner.serve.ServeCommand;
import org.annotationlab.nlprunner.train.TrainCommand;

/**
 * Entry point of the nlp-runner process: {@code train} (a training Job), {@code serve} (the model
 * server), and the benchmark helpers {@code evaluate}, {@code bench-serve}, {@code bench-tokens} and {@code bench-al}.
 */
public final class NlpRunner {

    private static final String USAGE = """
            usage: nlp-runner <command> [options]
              train  --training-set <path|http-url> --params <params.json> --output <dir>
                     [--embeddings <glove.txt>] [--unlabelled <text-file>] [--validation-set <conll>]
                     [--test-set <ndjson>] [--baseline-model <name=dir>] [--termination-log <path>]
              serve  --port <port> --models <name=path>[,<name=path>...] [--host <address>]
              evaluate    --model <dir> --test-set <conll>
              bench-serve --model <dir> --texts <conll> [--sentences 1000] [--batch 50]
              bench-tokens --model <dir> --texts <conll> [--glue true]
              bench-al --pool <conll> --test <conll> --strategy random|least-confidence|mnlp --seed N
                       --params <json> --output <dir> [--initial 100] [--step 100] [--until 1500]
            exit codes (train): 0 ok, 1 JOB_FAILED, 2 INVALID_PARAMETERS, 3 INSUFFICIENT_DATA""";

    private NlpRunner() {
    }

    public static void main(String[] args) {
        // stdout carries machine-readable lines only. Spark, TensorFlow and Spark NLP print to
        // System.out (NerDL uses println), so System.out is pointed at stderr before any of them
        // is loaded, and commands write their own lines to the real stdout.
        PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream stderr = System.err;
        System.setOut(stderr);
        int exitCode = run(Arrays.asList(args), stdout, stderr);
        if (exitCode >= 0) {
            stdout.flush();
            System.exit(exitCode);
        }
    }

    /** Runs a command; returns its exit code, or -1 when it keeps running (serve). */
    static int run(List<String> args, PrintStream stdout, PrintStream stderr) {
        if (args.isEmpty() || List.of("-h", "--help", "help").contains(args.get(0))) {
            stderr.println(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        List<String> options = args.subList(1, args.size());
        try {
            return switch (args.get(0)) {
                case "train" -> new TrainCommand(stdout, stderr).run(options);
                case "serve" -> {
                    new ServeCommand(stderr).start(options);
                    yield -1;
                }
                case "evaluate" -> new EvaluateCommand(stdout, stderr).run(options);
                case "bench-serve" -> new ServeThroughputBenchmark(stdout, stderr).run(options);
                case "bench-tokens" -> new TokenizerSwapBenchmark(stdout, stderr).run(options);
                case "bench-al" -> new ActiveLearningBenchmark(stdout, stderr).run(options);
                default -> {
                    stderr.println("unknown command '" + args.get(0) + "'\n" + USAGE);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            stderr.println("INVALID_PARAMETERS: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            e.printStackTrace(stderr);
            stderr.println("JOB_FAILED: " + e);
            return 1;
        }
    }
}
