package org.annotationlab.nlprunner.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

import org.annotationlab.nlprunner.conll.BioTags;
import org.annotationlab.nlprunner.spark.SparkSessions;
import org.annotationlab.training.contract.RunFiles;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.johnsnowlabs.nlp.LightPipeline;
import com.johnsnowlabs.nlp.annotators.ner.dl.NerDLModel;

/**
 * Loads a saved pipeline from a training run's output directory (the one holding
 * {@code model/} and {@code labels.json}) or from the {@code model/} folder itself.
 */
public final class ModelLoader implements ModelSource {

    private final ObjectMapper json;

    public ModelLoader(ObjectMapper json) {
        this.json = json;
    }

    /** A training run's output folder or its {@code model/} folder: where the saved pipeline is. */
    public static Path modelDir(Path given) {
        return Files.isDirectory(given.resolve(RunFiles.MODEL)) ? given.resolve(RunFiles.MODEL) : given;
    }

    @Override
    public LoadedModel load(ModelSpec spec) throws ModelLoadException {
        Path modelDir = modelDir(Path.of(spec.path()));
        if (!Files.isDirectory(modelDir.resolve("stages"))) {
            throw new ModelLoadException("model '" + spec.name() + "': " + spec.path()
                    + " is not a saved pipeline (no model/ or stages/ folder)");
        }
        // PipelineModel.load reads through a SparkSession: make sure ours exists, whoever calls.
        SparkSessions.local();
        PipelineModel pipeline;
        try {
            pipeline = PipelineModel.load(modelDir.toString());
        } catch (Exception e) {
            // Scala rethrows Hadoop's checked IOExceptions (e.g. InvalidInputException for a
            // missing metadata/ folder) undeclared: every failure here is a model that cannot load.
            throw new ModelLoadException("model '" + spec.name() + "': cannot load " + modelDir + ": " + e.getMessage());
        }
        NerDLModel ner = nerStage(pipeline);
        if (ner == null) {
            throw new ModelLoadException("model '" + spec.name() + "': " + modelDir + " has no NerDL stage");
        }
        return new LoadedModel(spec.name(), spec.path(), labels(modelDir, ner), new LightPipeline(pipeline, false), ner);
    }

    private static NerDLModel nerStage(PipelineModel pipeline) {
        for (Transformer stage : pipeline.stages()) {
            if (stage instanceof NerDLModel ner) {
                return ner;
            }
        }
        return null;
    }

    /** labels.json of the run when present, else the model's own tags without B-/I-. */
    private List<String> labels(Path modelDir, NerDLModel ner) {
        Path labelsFile = modelDir.getParent() == null ? null : modelDir.getParent().resolve(RunFiles.LABELS);
        if (labelsFile != null && Files.isRegularFile(labelsFile)) {
            try {
                return List.of(json.readValue(labelsFile.toFile(), String[].class));
            } catch (IOException e) {
                // fall through to the model's own tags, which are authoritative anyway
            }
        }
        TreeSet<String> labels = new TreeSet<>();
        for (String tag : ner.getClasses()) {
            String label = BioTags.label(tag);
            if (label != null) {
                labels.add(label);
            }
        }
        return List.copyOf(labels);
    }
}
