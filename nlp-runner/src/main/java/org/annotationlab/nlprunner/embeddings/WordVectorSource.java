package org.annotationlab.nlprunner.embeddings;

import java.nio.file.Path;

import org.annotationlab.nlprunner.train.TrainingFailure;

/**
 * Where a training run gets its word vectors from. Both implementations work without network
 * access: {@link Word2VecSource} learns vectors from the project's own texts,
 * {@link GloveFileSource} uses a vectors file shipped with the deployment.
 */
public interface WordVectorSource {

    /**
     * Produces the vectors file, writing any intermediate file into {@code workDir}.
     * Must not modify the training sentences it was given.
     */
    WordVectors prepare(Path workDir) throws TrainingFailure;
}
