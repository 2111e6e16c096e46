package org.annotationlab.nlprunner.serve;

/** Loads a model for serving; {@link ModelLoader} reads saved Spark NLP pipelines from disk. */
@FunctionalInterface
public interface ModelSource {

    /**
     * Loads one model.
     *
     * @throws ModelLoadException when the model cannot be loaded; the message says which and why
     */
    LoadedModel load(ModelSpec spec) throws ModelLoadException;
}
