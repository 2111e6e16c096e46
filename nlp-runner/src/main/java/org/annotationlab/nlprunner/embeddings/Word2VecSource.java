package org.annotationlab.nlprunner.embeddings;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.annotationlab.nlprunner.train.TrainingFailure;
import org.annotationlab.training.contract.FailureReason;
import org.apache.spark.ml.feature.Word2Vec;
import org.apache.spark.ml.feature.Word2VecModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Learns word vectors offline with Spark MLlib's skip-gram Word2Vec over the project's texts
 * (the training sentences plus any unlabelled text) and writes them as a GloVe-format file.
 * Words are lower-cased: with a corpus this small, case variants would otherwise get separate,
 * poorly estimated vectors; the NER network still sees case through its character features.
 * One partition and a fixed seed make the vectors reproducible.
 *
 * <p>The vector size (default 100, the smallest bundled NerDL graphs') and the passes over the
 * texts (default 10) can be changed with the system properties {@value #DIMENSION_PROPERTY} and
 * {@value #ITERATIONS_PROPERTY}, for benchmarks of these levers (Q1 in the README).
 */
public final class Word2VecSource implements WordVectorSource {

    static final String DIMENSION_PROPERTY = "nlp-runner.word2vec.dimension";
    static final String ITERATIONS_PROPERTY = "nlp-runner.word2vec.iterations";
    static final int WINDOW = 5;
    static final int MIN_COUNT = 1;

    private final Supplier<SparkSession> spark;
    private final List<List<String>> sentences;
    private final long seed;
    private final String corpusDescription;

    /**
     * @param spark             the session to learn with, obtained only when vectors are prepared
     * @param sentences         lower-cased tokens of each text to learn from
     * @param corpusDescription what the texts are, for the log
     */
    public Word2VecSource(Supplier<SparkSession> spark, List<List<String>> sentences, long seed,
                          String corpusDescription) {
        this.spark = spark;
        this.sentences = sentences;
        this.seed = seed;
        this.corpusDescription = corpusDescription;
    }

    /** The vector size the learned vectors will have. */
    public static int dimension() throws TrainingFailure {
        return positive(DIMENSION_PROPERTY, 100);
    }

    private static int positive(String property, int fallback) throws TrainingFailure {
        String value = System.getProperty(property);
        try {
            int number = value == null ? fallback : Integer.parseInt(value.strip());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw TrainingFailure.invalid(property + " must be a positive whole number, not '" + value + "'");
    }

    /** Reads a plain-text file of unlabelled text, one or more sentences per line, as token lists. */
    public static List<List<String>> readUnlabelled(Path file) throws TrainingFailure {
        List<List<String>> texts = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                List<String> tokens = SimpleTokenizer.tokens(line);
                if (!tokens.isEmpty()) {
                    texts.add(tokens);
                }
            }
        } catch (IOException e) {
            throw TrainingFailure.invalid("cannot read unlabelled text " + file + ": " + e.getMessage());
        }
        return texts;
    }

    @Override
    public WordVectors prepare(Path workDir) throws TrainingFailure {
        StructType schema = new StructType().add("tokens", DataTypes.createArrayType(DataTypes.StringType));
        List<Row> rows = new ArrayList<>(sentences.size());
        sentences.forEach(tokens -> rows.add(RowFactory.create(tokens)));
        int dimension = dimension();
        int iterations = positive(ITERATIONS_PROPERTY, 10);
        Word2VecModel model = new Word2Vec()
                .setInputCol("tokens")
                .setOutputCol("vector")
                .setVectorSize(dimension)
                .setWindowSize(WINDOW)
                .setMinCount(MIN_COUNT)
                .setMaxIter(iterations)
                .setNumPartitions(1)
                .setSeed(seed)
                .fit(spark.get().createDataFrame(rows, schema));
        Path file = workDir.resolve("word2vec-vectors.txt");
        long words = write(model, file);
        String description = String.format(Locale.ROOT,
                "Spark MLlib Word2Vec (skip-gram) learned offline from %s: %d texts, vocabulary %d, "
                        + "dimension %d, window %d, min count %d, iterations %d, seed %d, lower-cased",
                corpusDescription, sentences.size(), words, dimension, WINDOW, MIN_COUNT, iterations, seed);
        return new WordVectors(file, dimension, words, description);
    }

    private static long write(Word2VecModel model, Path file) throws TrainingFailure {
        long words = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Iterator<Row> it = model.getVectors().toLocalIterator(); it.hasNext(); ) {
                Row row = it.next();
                StringBuilder line = new StringBuilder(row.getString(0));
                for (double component : ((Vector) row.get(1)).toArray()) {
                    line.append(' ').append((float) component);
                }
                out.write(line.append('\n').toString());
                words++;
            }
        } catch (IOException e) {
            throw new TrainingFailure(FailureReason.JOB_FAILED, "cannot write word vectors: " + e.getMessage(), e);
        }
        return words;
    }
}
