package org.annotationlab.training.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.annotationlab.training.contract.RunFiles;
import org.annotationlab.workloads.ChildProcesses;
import org.annotationlab.workloads.RunnerJvm;
import org.jboss.logging.Logger;

/**
 * Runs {@code nlp-runner} as a child process of the service (the embedded default, for
 * {@code ./lab up}): same arguments as a Job, stdout/stderr into the run folder, the termination
 * message into {@code termination.log} there. The handle is the process id, so a run survives a
 * service restart: a process still alive is followed again, a finished one is judged by the
 * termination message it left.
 */
public final class LocalProcessLauncher implements WorkloadLauncher, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalProcessLauncher.class);

    private final String nlpRunner;
    private final String javaOpts;
    private final Map<String, Process> children = new ConcurrentHashMap<>();

    /**
     * @param nlpRunner the {@code nlp-runner} launcher script
     * @param javaOpts  JVM options after the sized ones ({@link RunnerJvm}), blank for none
     */
    public LocalProcessLauncher(String nlpRunner, String javaOpts) {
        this.nlpRunner = Path.of(nlpRunner).toAbsolutePath().normalize().toString();
        this.javaOpts = javaOpts;
    }

    @Override
    public String launch(TrainingWorkload workload) throws LaunchException {
        List<String> command = new ArrayList<>();
        command.add(nlpRunner);
        command.addAll(workload.args());
        command.add("--termination-log");
        command.add(workload.terminationFile().toString());
        try {
            Files.createDirectories(workload.runDir());
            Files.deleteIfExists(workload.terminationFile());
            ProcessBuilder builder = new ProcessBuilder(command).directory(workload.runDir().toFile())
                    .redirectOutput(workload.runDir().resolve("stdout.jsonl").toFile())
                    .redirectError(workload.runDir().resolve("stderr.log").toFile());
            String options = RunnerJvm.training(javaOpts, workload.inputs());
            builder.environment().put("JAVA_OPTS", options);
            Process process = builder.start();
            String handle = Long.toString(process.pid());
            children.put(handle, process);
            LOG.infof("run %s: started %s as process %s (JAVA_OPTS %s)", workload.runId(), nlpRunner, handle, options);
            return handle;
        } catch (IOException e) {
            throw new LaunchException("could not start " + nlpRunner + ": " + e.getMessage(), e);
        }
    }

    @Override
    public WorkloadStatus status(TrainingWorkload workload, String handle) {
        Process child = children.get(handle);
        if (child != null) {
            if (child.isAlive()) {
                return WorkloadStatus.running();
            }
            children.remove(handle);
            return outcome(workload, child.exitValue() == 0);
        }
        Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(handle));
        if (process.isPresent() && process.get().isAlive()) {
            return WorkloadStatus.running();
        }
        if (Files.exists(workload.terminationFile())) {
            String message = termination(workload);
            return outcome(workload, message.startsWith("SUCCEEDED"));
        }
        return WorkloadStatus.missing("the local training process " + handle
                + " ended without a result (training-service stopped while it ran?)");
    }

    private WorkloadStatus outcome(TrainingWorkload workload, boolean succeeded) {
        String message = termination(workload);
        return succeeded ? WorkloadStatus.succeeded(message) : WorkloadStatus.failed(message);
    }

    private static String termination(TrainingWorkload workload) {
        try {
            if (Files.exists(workload.terminationFile())) {
                return Files.readString(workload.terminationFile()).strip();
            }
            if (outOfMemory(workload.runDir().resolve("stderr.log"))) {
                return "JOB_FAILED: nlp-runner ran out of memory (its heap is sized from the training set; "
                        + "LAB_NLP_RUNNER_JAVA_OPTS=-Xmx<size> gives it more; see stderr.log in the run folder)";
            }
            return "JOB_FAILED: nlp-runner exited without a termination message (see stderr.log in the run folder)";
        } catch (IOException e) {
            return "JOB_FAILED: cannot read " + workload.terminationFile() + ": " + e.getMessage();
        }
    }

    /** Whether the JVM's output says it ran out of memory (it exits then: RunnerJvm). */
    private static boolean outOfMemory(Path stderr) throws IOException {
        if (!Files.exists(stderr)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(stderr, StandardCharsets.ISO_8859_1)) {
            return lines.anyMatch(line -> line.contains("java.lang.OutOfMemoryError"));
        }
    }

    @Override
    public void cancel(TrainingWorkload workload, String handle) {
        Process child = children.remove(handle);
        Optional<ProcessHandle> process = child != null ? Optional.of(child.toHandle())
                : ProcessHandle.of(Long.parseLong(handle));
        process.filter(ProcessHandle::isAlive).ifPresent(ChildProcesses::stop);
    }

    /** Stops the processes this service started (a service stopping takes its local runs with it). */
    @Override
    public void close() {
        children.values().stream().map(Process::toHandle).filter(ProcessHandle::isAlive)
                .forEach(ChildProcesses::stop);
        children.clear();
    }

}
