package org.annotationlab.training.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.annotationlab.training.config.TrainingConfig;
import org.annotationlab.training.contract.Metrics;
import org.annotationlab.training.contract.ProgressEvent;
import org.annotationlab.training.contract.RunFiles;

/**
 * The model store as training-service sees it: one folder per run,
 * {@code <store>/projects/<project id>/runs/<run id>/}, holding the {@link RunFiles} the service
 * stages and nlp-runner writes.
 */
@ApplicationScoped
public class ModelStore {

    private final Path root;
    private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    ModelStore(TrainingConfig config) {
        this.root = Path.of(config.modelStorePath()).toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path runDir(UUID projectId, UUID runId) {
        return root.resolve("projects").resolve(projectId.toString()).resolve("runs").resolve(runId.toString());
    }

    /** Progress lines appended after {@code offset}, and the new offset (only whole lines are read). */
    public Progress progress(Path runDir, long offset) throws IOException {
        Path file = runDir.resolve(RunFiles.PROGRESS);
        if (!Files.exists(file)) {
            return new Progress(List.of(), offset);
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= offset) {
                return new Progress(List.of(), offset);
            }
            byte[] bytes = new byte[(int) Math.min(length - offset, 1 << 20)];
            in.seek(offset);
            in.readFully(bytes);
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
            List<ProgressEvent> events = new ArrayList<>();
            for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    events.add(json.readValue(line, ProgressEvent.class));
                }
            }
            return new Progress(events, offset + end);
        }
    }

    /** The metrics of a run that succeeded, if nlp-runner wrote them. */
    public Optional<Metrics> metrics(Path runDir) throws IOException {
        Path file = runDir.resolve(RunFiles.METRICS);
        return Files.exists(file) ? Optional.of(json.readValue(file.toFile(), Metrics.class)) : Optional.empty();
    }

    /** The labels of a run's model, if nlp-runner wrote them. */
    public Optional<List<String>> labels(Path runDir) throws IOException {
        Path file = runDir.resolve(RunFiles.LABELS);
        return Files.exists(file) ? Optional.of(json.readValue(file.toFile(), new TypeReference<List<String>>() { }))
                : Optional.empty();
    }

    /** Events read from a progress file and where reading stopped. */
    public record Progress(List<ProgressEvent> events, long offset) {
    }
}
