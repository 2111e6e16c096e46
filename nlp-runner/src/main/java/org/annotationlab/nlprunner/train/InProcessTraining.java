package org.annotationlab.nlprunner.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.annotationlab.nlprunner.conll.ConllSentence;
import org.annotationlab.nlprunner.embeddings.Word2VecSource;
import org.annotationlab.nlprunner.embeddings.WordVectors;
import org.annotationlab.nlprunner.spark.SparkSessions;
import org.annotationlab.training.contract.RunFiles;
import org.annotationlab.training.contract.TrainingParameters;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Training in this JVM, the way a training run trains (word vectors learned the same way, the
 * bundled graph chosen and seeded, the serving pipeline saved), for benchmarks that train many
 * models one after the other without a JVM and Spark start-up each.
 */
public final class InProcessTraining {

    private InProcessTraining() {
    }

    /** Training parameters from a JSON file, checked as {@code train --params} checks them. */
    public static TrainingParameters parameters(Path file) throws TrainingFailure {
        return ParamsFile.read(file, new ObjectMapper());
    }

    /** Word vectors learned, as a run without a vectors file learns them, from these sentences' lower-cased tokens. */
    public static WordVectors vectors(List<ConllSentence> sentences, long seed, String corpus, Path work) throws TrainingFailure {
        return new Word2VecSource(SparkSessions::local, lowercased(sentences), seed, corpus).prepare(work);
    }

    /** The sentences' tokens, lower-cased: what word vectors are learned from (vectors are case-insensitive). */
    static List<List<String>> lowercased(List<ConllSentence> sentences) {
        return sentences.stream().map(s -> s.tokens().stream().map(t -> t.toLowerCase(Locale.ROOT)).toList()).toList();
    }

    /** Trains on the sentences and saves the serving pipeline to {@code output/model}; the output folder. */
    public static Path trainAndSave(List<ConllSentence> training, WordVectors vectors, TrainingParameters parameters,
            Path output) throws TrainingFailure, IOException {
        String graph = BundledGraphs.select(training, vectors.dimension());
        Path graphFolder = output.resolve("graph");
        SeededGraph.write(graph, parameters.seed(), graphFolder);
        NerTrainer.TrainedModel model = new NerTrainer(SparkSessions.local()).train(training, vectors, parameters,
                graphFolder, Files.createDirectories(output.resolve("nerdl-logs")), line -> { });
        model.serving().write().overwrite().save(output.resolve(RunFiles.MODEL).toString());
        return output;
    }
}
