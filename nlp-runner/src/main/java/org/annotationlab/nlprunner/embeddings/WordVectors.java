package org.annotationlab.nlprunner.embeddings;

import java.nio.file.Path;

/**
 * A GloVe-format text file of word vectors (a word, then its space-separated components, one
 * word per line) ready to be indexed by Spark NLP's WordEmbeddings.
 *
 * @param file        the vectors file
 * @param dimension   number of components per vector
 * @param vocabulary  number of words in the file
 * @param description how the vectors were obtained and with which parameters, for the training log
 */
public record WordVectors(Path file, int dimension, long vocabulary, String description) {
}
