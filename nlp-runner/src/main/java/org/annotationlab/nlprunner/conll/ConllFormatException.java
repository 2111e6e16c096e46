package org.annotationlab.nlprunner.conll;

/** A CoNLL file that cannot be read as token/tag lines; the message names the line. */
public class ConllFormatException extends Exception {

    private final int line;

    public ConllFormatException(int line, String message) {
        super(line > 0 ? "line " + line + ": " + message : message);
        this.line = line;
    }

    /** The 1-based line number of the offending line, or 0 when the problem is not one line. */
    public int line() {
        return line;
    }
}
