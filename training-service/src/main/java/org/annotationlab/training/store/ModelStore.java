package org.annotationlab.training.store;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * The model store as training-service sees it: one folder per run,
 * {@code <store>/projects/<project id>/runs/<run id>/}, holding what the service stages
 * ({@code training-set.conll}, {@code unlabelled.txt}, {@code params.json}) and what nlp-runner writes ({@code model/},
 * {@code training.log}, {@code metrics.json}, {@code labels.json}, {@code progress.jsonl}).
 */
@ApplicationScoped
public class ModelStore {

    public static final String TRAINING_SET = "training-set.conll";
    public static final String PARAMS = "params.json";
    public static final String UNLABELLED = "unlabelled.txt";
    public static final String PROGRESS = "progress.jsonl";
    public static final String LOG = "training.log";
    public static final String METRICS = "metrics.json";
    public static final String LABELS = "labels.json";

    private final Path root;
    private final ObjectMapper json = new ObjectMapper();

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
        Path file = runDir.resolve(PROGRESS);
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
            List<JsonNode> events = new ArrayList<>();
            for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    events.add(json.readTree(line));
                }
            }
            return new Progress(events, offset + end);
        }
    }

    /** A JSON file nlp-runner wrote into the run folder, if it is there. */
    public Optional<JsonNode> readJson(Path runDir, String name) throws IOException {
        Path file = runDir.resolve(name);
        return Files.exists(file) ? Optional.of(json.readTree(file.toFile())) : Optional.empty();
    }

    /** Events read from a progress file and where reading stopped. */
    public record Progress(List<JsonNode> events, long offset) {
    }
}
