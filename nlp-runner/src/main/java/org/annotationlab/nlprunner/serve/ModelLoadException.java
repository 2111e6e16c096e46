package org.annotationlab.nlprunner.serve;

/** A model could not be loaded; the message says which and why. */
public class ModelLoadException extends Exception {

    public ModelLoadException(String message) {
        super(message);
    }
}
