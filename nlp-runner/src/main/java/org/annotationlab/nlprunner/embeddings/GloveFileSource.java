package org.annotationlab.nlprunner.embeddings;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.annotationlab.nlprunner.train.TrainingFailure;

/**
 * Pretrained vectors from a GloVe-format text file given with {@code --embeddings}. The file is
 * checked (readable, consistent dimension) so that a bad file fails the run before training.
 */
public final class GloveFileSource implements WordVectorSource {

    private final Path file;

    public GloveFileSource(Path file) {
        this.file = file;
    }

    @Override
    public WordVectors prepare(Path workDir) throws TrainingFailure {
        if (!Files.isRegularFile(file)) {
            throw TrainingFailure.invalid("embeddings file " + file + " is not a readable file");
        }
        int dimension = -1;
        long words = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                int components = line.strip().split(" ").length - 1;
                if (dimension < 0) {
                    dimension = components;
                }
                if (components != dimension || components < 1) {
                    throw TrainingFailure.invalid("embeddings file " + file + " line " + (words + 1)
                            + ": expected a word and " + dimension + " numbers separated by spaces");
                }
                words++;
            }
        } catch (IOException e) {
            throw TrainingFailure.invalid("cannot read embeddings file " + file + ": " + e.getMessage());
        }
        if (words == 0) {
            throw TrainingFailure.invalid("embeddings file " + file + " holds no vectors");
        }
        return new WordVectors(file, dimension, words,
                "GloVe-format file " + file + " (" + words + " words, " + dimension + " dimensions)");
    }
}
