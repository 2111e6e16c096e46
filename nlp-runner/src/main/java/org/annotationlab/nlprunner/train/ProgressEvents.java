package org.annotationlab.nlprunner.train;

import java.io.PrintStream;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a training run's progress as one JSON object per line (started, epoch, evaluating,
 * finished, failed), the stream training-service reads from the Job's stdout. Nothing else may
 * be written to this stream.
 */
public final class ProgressEvents {

    private final PrintStream out;
    private final ObjectMapper json;

    public ProgressEvents(PrintStream out, ObjectMapper json) {
        this.out = out;
        this.json = json;
    }

    /** A new event object of the given type, to be filled and then {@link #emit emitted}. */
    public ObjectNode event(String type) {
        ObjectNode event = json.createObjectNode();
        event.put("event", type);
        event.put("time", Instant.now().toString());
        return event;
    }

    /** The run has validated its input and starts preparing embeddings and training. */
    public void started(ObjectNode details) {
        emit(event("started").setAll(details));
    }

    /** One epoch is done. */
    public void epoch(int epoch, int epochs, double loss, double seconds) {
        ObjectNode event = event("epoch");
        event.put("epoch", epoch);
        event.put("epochs", epochs);
        event.put("loss", loss);
        event.put("seconds", seconds);
        emit(event);
    }

    /** Training is done; the held-out evaluation runs. */
    public void evaluating(int sentences) {
        emit(event("evaluating").put("sentences", sentences));
    }

    /** The run succeeded with these metrics. */
    public void finished(ObjectNode metrics, String modelPath) {
        ObjectNode event = event("finished");
        event.set("metrics", metrics);
        event.put("model", modelPath);
        emit(event);
    }

    /** The run failed. */
    public void failed(FailureReason reason, String message) {
        emit(event("failed").put("reason", reason.name()).put("message", message));
    }

    private synchronized void emit(ObjectNode event) {
        out.println(event.toString());
        out.flush();
    }
}
