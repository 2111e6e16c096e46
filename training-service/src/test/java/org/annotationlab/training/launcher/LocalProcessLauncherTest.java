package org.annotationlab.training.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.annotationlab.training.contract.RunFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local training's JVM: its heap follows the staged input, and running out of it is a reason a person can read. */
class LocalProcessLauncherTest {

    @TempDir
    Path dir;

    @Test
    void theHeapFollowsTheStagedInputAndRunningOutOfItIsSaid() throws Exception {
        // An nlp-runner that records its JAVA_OPTS and dies as a JVM does with -XX:+ExitOnOutOfMemoryError.
        Path runner = dir.resolve("nlp-runner");
        Files.writeString(runner, """
                #!/usr/bin/env bash
                echo "$JAVA_OPTS" > java-opts.txt
                echo 'Exception in thread "dispatcher-event-loop-0" java.lang.OutOfMemoryError: Java heap space' >&2
                echo 'Terminating due to java.lang.OutOfMemoryError: Java heap space' >&2
                exit 3
                """);
        Files.setPosixFilePermissions(runner, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path runDir = Files.createDirectories(dir.resolve("run"));
        Files.write(runDir.resolve(RunFiles.TRAINING_SET), new byte[3 << 17]); // 0.375 MB
        Files.write(runDir.resolve(RunFiles.UNLABELLED), new byte[1 << 17]); // 0.125 MB
        TrainingWorkload workload = new TrainingWorkload(UUID.randomUUID(), UUID.randomUUID(), "training-x", runDir,
                List.of("train"));

        LocalProcessLauncher launcher = new LocalProcessLauncher(runner.toString(), "-Dconfigured=1");
        String handle = launcher.launch(workload);
        WorkloadStatus status = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> launcher.status(workload, handle), WorkloadStatus::finished);

        // 512 MB + 4,096 MB per MB of training set and unlabelled text (0.5 MB); configured options last.
        List<String> options = List.of(Files.readString(runDir.resolve("java-opts.txt")).strip().split(" "));
        assertTrue(options.contains("-XX:+UseSerialGC") && options.contains("-XX:+ExitOnOutOfMemoryError"), options.toString());
        assertEquals(List.of("-Xmx2560m", "-Dconfigured=1"), options.subList(options.size() - 2, options.size()));
        assertEquals(WorkloadStatus.Phase.FAILED, status.phase());
        assertTrue(status.message().contains("ran out of memory"), status.message());
        launcher.close();
    }
}
