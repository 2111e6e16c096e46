package org.annotationlab.workloads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The JVM options of a local nlp-runner process (a training, a model server): a heap sized from
 * what it reads, and a collector that gives memory back. Measured (docs/operations.md, "Sizing"):
 * a training's and a model server's resident memory is mostly TensorFlow's and the classes', not
 * the heap's, and with G1 and a fixed large maximum the heap grew to fill it anyway. The Serial
 * collector with free ratios keeps the heap near what is live, whatever the maximum; the maximum
 * follows the input so that a large set still fits, and the process ends when even that is short.
 */
public final class RunnerJvm {

    /** Spark refuses a driver with less than 450 MB of usable heap. */
    public static final long MIN_HEAP_MB = 512;

    /**
     * Options of every nlp-runner process, before its maximum heap. Out of heap, the process exits
     * (Spark's threads otherwise catch the error and the process hangs, alive and idle). The C heap
     * that TensorFlow and the JVM free goes back to the system every 5 s (glibc keeps it otherwise).
     */
    public static final String COLLECTOR = "-XX:+UseSerialGC -Xms64m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
            + " -XX:+ExitOnOutOfMemoryError -XX:TrimNativeHeapInterval=5000";

    /**
     * Heap per MB of a training's input (training set and unlabelled text); a CoNLL MB is about
     * 5,000 sentences. Measured: 1,500 NCBI-disease sentences (0.3 MB) train in 512 MB, all 5,432
     * (1.1 MB) do not fit in 1.6 GB (NerDL holds every token's embedding on the heap).
     */
    public static final long TRAINING_MB_PER_INPUT_MB = 4096;

    /** Heap per MB of the models a server loads (their folders on disk). */
    public static final long SERVER_MB_PER_MODEL_MB = 4;

    /**
     * A training's memory beside its heap (TensorFlow's, the classes', Spark's threads): measured
     * 0.4 GB (300 sentences, 874 MB resident with a 512 MB maximum) to 0.95 GB (all 5,432
     * NCBI-disease sentences, 3,346 MB resident with the heap at most 2.4 GB). A pod's memory is
     * its heap maximum plus this.
     */
    public static final long TRAINING_NON_HEAP_MB = 1024;

    /** A model server's memory beside its heap: one model, 473-560 MB resident in all; about 105 MB per further model. */
    public static final long SERVER_NON_HEAP_MB = 512;

    private RunnerJvm() {
    }

    /** JAVA_OPTS of a training reading {@code inputs} (training set, unlabelled text), then {@code configured}. */
    public static String training(String configured, Path... inputs) {
        return javaOpts(trainingHeapMb(inputs), configured);
    }

    /** JAVA_OPTS of a model server starting with the models in {@code models}, then {@code configured}. */
    public static String server(String configured, Path... models) {
        return javaOpts(serverHeapMb(models), configured);
    }

    /** The heap maximum of a training reading {@code inputs}. */
    public static long trainingHeapMb(Path... inputs) {
        return heapMb(bytes(inputs), TRAINING_MB_PER_INPUT_MB);
    }

    /** The heap maximum of a model server loading {@code models}. */
    public static long serverHeapMb(Path... models) {
        return heapMb(bytes(models), SERVER_MB_PER_MODEL_MB);
    }

    /** {@value #MIN_HEAP_MB} MB plus {@code perInputMb} MB for every MB of input, rounded up to whole MB. */
    public static long heapMb(long inputBytes, long perInputMb) {
        return MIN_HEAP_MB + (Math.max(0, inputBytes) * perInputMb + (1 << 20) - 1) / (1 << 20);
    }

    /**
     * JAVA_OPTS: the collector, {@code -Xmx<heapMb>m}, then {@code configured} (operator's options;
     * the JVM takes the last of a repeated option, so a configured {@code -Xmx} wins).
     */
    public static String javaOpts(long heapMb, String configured) {
        String sized = COLLECTOR + " -Xmx" + heapMb + "m";
        return configured == null || configured.isBlank() ? sized : sized + " " + configured.strip();
    }

    /** Bytes of the files at {@code paths}, folders counted with everything in them; what is missing counts 0. */
    public static long bytes(Path... paths) {
        long total = 0;
        for (Path path : paths) {
            if (!Files.exists(path)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(path)) {
                total += files.filter(Files::isRegularFile).mapToLong(RunnerJvm::size).sum();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return total;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // gone while counting (a model folder being replaced)
        }
    }
}
