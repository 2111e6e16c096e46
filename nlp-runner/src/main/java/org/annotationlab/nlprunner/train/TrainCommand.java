package org.annotationlab.nlprunner.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.annotationlab.nlprunner.cli.Options;
import org.annotationlab.training.contract.FailureReason;
import org.annotationlab.training.contract.RunFiles;
import org.annotationlab.training.contract.TerminationMessage;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code nlp-runner train}: runs one training and turns its outcome into an exit code, a
 * {@code failed} or {@code finished} progress event and the one-line termination message.
 * Expected failures are reported by reason and message only; an unexpected one also gets its
 * stack trace on stderr, never as the only explanation.
 */
public final class TrainCommand {

    private final PrintStream stdout;
    private final PrintStream stderr;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param stdout the progress-event stream (JSON lines only)
     * @param stderr human-readable diagnostics
     */
    public TrainCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Runs {@code train} with its arguments and returns the process exit code. */
    public int run(List<String> args) {
        ProgressEvents events = new ProgressEvents(stdout, json,
                Options.peek(args, TrainRequest.PROGRESS_FILE).map(Path::of));
        Optional<Path> terminationLog = Options.peek(args, TrainRequest.TERMINATION_LOG).map(Path::of);
        Path work = null;
        TrainRequest request = null;
        try {
            request = TrainRequest.parse(args);
            Files.createDirectories(request.output());
            work = Files.createTempDirectory(request.output(), ".work-");
            String summary = new TrainingRun(json, events, stderr).execute(request, work);
            report(TerminationMessage.succeeded(summary), terminationLog);
            return 0;
        } catch (TrainingFailure failure) {
            return fail(failure.reason(), failure.getMessage(), events, terminationLog, request);
        } catch (Exception | LinkageError | OutOfMemoryError e) {
            e.printStackTrace(stderr);
            return fail(FailureReason.JOB_FAILED, describe(e), events, terminationLog, request);
        } finally {
            deleteQuietly(work);
        }
    }

    private int fail(FailureReason reason, String message, ProgressEvents events, Optional<Path> terminationLog,
                     TrainRequest request) {
        events.failed(reason, message);
        String line = TerminationMessage.failed(reason, message);
        report(line, terminationLog);
        Path trainingLog = request == null ? null : request.output().resolve(RunFiles.LOG);
        if (trainingLog != null && Files.isRegularFile(trainingLog)) {
            try {
                Files.writeString(trainingLog, "FAILED " + line + "\n", StandardOpenOption.APPEND);
            } catch (IOException e) {
                stderr.println("cannot append the failure to " + trainingLog + ": " + e.getMessage());
            }
        }
        return reason.exitCode();
    }

    /**
     * Prints the termination line to stderr and writes it to the termination log when one was
     * given: the file Kubernetes reads as the container's terminationMessagePath.
     */
    private void report(String line, Optional<Path> terminationLog) {
        stderr.println(line);
        terminationLog.ifPresent(path -> {
            try {
                if (path.getParent() != null) {
                    Files.createDirectories(path.getParent());
                }
                Files.writeString(path, line + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                stderr.println("cannot write termination message to " + path + ": " + e.getMessage());
            }
        });
    }

    /** The innermost cause's class and message: Spark wraps failures several levels deep. */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        return "unexpected " + root.getClass().getSimpleName() + message;
    }

    private void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            stderr.println("could not remove work directory " + dir + ": " + e.getMessage());
        }
    }
}
