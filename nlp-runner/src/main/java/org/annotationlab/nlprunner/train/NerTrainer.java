package org.annotationlab.nlprunner.train;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.annotationlab.nlprunner.conll.ConllSentence;
import org.annotationlab.nlprunner.embeddings.WordVectors;
import org.annotationlab.nlprunner.spark.AnnotationFrames;
import org.annotationlab.nlprunner.tagging.ServingFront;
import org.annotationlab.training.contract.TrainingParameters;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import com.johnsnowlabs.nlp.annotators.ner.dl.NerDLApproach;
import com.johnsnowlabs.nlp.annotators.ner.dl.NerDLModel;
import com.johnsnowlabs.nlp.embeddings.WordEmbeddings;

/**
 * Trains a Spark NLP NerDL (BiLSTM-CNN-CRF) tagger on gold-tokenized sentences and assembles the
 * pipeline that is saved for serving: {@link ServingFront} (document, sentences, the platform's tokens) →
 * WordEmbeddings → NerDL, so the saved model takes raw text.
 */
public final class NerTrainer {

    /** Column names shared by training and serving; the serving code reads {@link #NER}. */
    public static final String TEXT = "text";
    public static final String EMBEDDINGS = "embeddings";
    public static final String NER = "ner";

    /**
     * The result of training.
     *
     * @param tagger  embeddings + NER stages, for tagging frames that already hold gold tokens
     * @param serving the full raw-text pipeline to save
     */
    public record TrainedModel(PipelineModel tagger, PipelineModel serving) {

        /** The embeddings stage. */
        public Transformer embeddings() {
            return tagger.stages()[0];
        }

        /** The NER stage. */
        public NerDLModel ner() {
            return (NerDLModel) tagger.stages()[1];
        }
    }

    private final SparkSession spark;

    public NerTrainer(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * Trains on the sentences with the (seeded) graph found in {@code graphFolder}. NerDL's own log lines (selected graph, per-epoch loss and time)
     * are handed to {@code nerDlLog} while training runs.
     */
    public TrainedModel train(List<ConllSentence> training, WordVectors vectors, TrainingParameters parameters,
                              Path graphFolder, Path logDir, Consumer<String> nerDlLog) {
        WordEmbeddings embeddings = new WordEmbeddings();
        embeddings.setStoragePath(vectors.file().toString(), "TEXT");
        embeddings.setDimension(vectors.dimension());
        // The storage reference names the on-disk index of the vectors; a fresh one per run keeps
        // two models loaded into one model server from sharing (and corrupting) each other's index.
        embeddings.setStorageRef("nlp-runner-" + UUID.randomUUID());
        embeddings.setCaseSensitive(false);
        embeddings.setInputCols(new String[] {AnnotationFrames.SENTENCE, AnnotationFrames.TOKEN});
        embeddings.setOutputCol(EMBEDDINGS);

        NerDLApproach ner = nerApproach(parameters, logDir);
        ner.setGraphFolder(graphFolder.toString());
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {embeddings, ner});
        PipelineModel tagger;
        try (NerDlLogTailer ignored = new NerDlLogTailer(logDir.resolve(ner.uid() + ".log"), nerDlLog)) {
            tagger = pipeline.fit(AnnotationFrames.of(spark, training));
        }
        return new TrainedModel(tagger, servingPipeline(tagger));
    }

    private static NerDLApproach nerApproach(TrainingParameters parameters, Path logDir) {
        NerDLApproach ner = new NerDLApproach();
        ner.setInputCols(new String[] {AnnotationFrames.SENTENCE, AnnotationFrames.TOKEN, EMBEDDINGS});
        ner.setOutputCol(NER);
        ner.setLabelColumn(AnnotationFrames.LABEL);
        ner.setMaxEpochs(parameters.epochs());
        ner.setLr((float) parameters.learningRate());
        ner.setPo((float) parameters.decay());
        ner.setDropout((float) parameters.dropout());
        ner.setBatchSize(parameters.batchSize());
        ner.setRandomSeed(parameters.seed());
        // One inter-op thread: the graph's in-place variable updates otherwise race with the ops
        // that read those variables, and two runs with the same seed drift apart (issue 25).
        ner.setConfigProtoBytes(TensorFlowSessions.configProto());
        // The held-out evaluation is ours (EntityEvaluator); NerDL's own split would be unseeded.
        ner.setValidationSplit(0f);
        ner.setIncludeConfidence(true);
        ner.setEnableOutputLogs(true);
        ner.setOutputLogsPath(logDir.toString());
        return ner;
    }

    private PipelineModel servingPipeline(PipelineModel tagger) {
        PipelineStage[] front = ServingFront.stages(TEXT);
        PipelineStage[] stages = {front[0], front[1], front[2], tagger.stages()[0], tagger.stages()[1]};
        // Every stage is a model already: fitting assembles them and changes none.
        StructType schema = new StructType().add(TEXT, DataTypes.StringType);
        return new Pipeline().setStages(stages)
                .fit(spark.createDataFrame(List.of(RowFactory.create("Fit the tokenizer.")), schema));
    }
}
