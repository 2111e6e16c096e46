package org.annotationlab.training.contract;

/**
 * One line of a run's {@link RunFiles#PROGRESS} file (and of nlp-runner's stdout): nlp-runner
 * appends them, training-service follows them. Which fields are set depends on {@code event}:
 * <ul>
 * <li>{@value #STARTED}: trainingSet, output, parameters, trainSentences, validationSentences;</li>
 * <li>{@value #EPOCH}: epoch, epochs, loss, seconds;</li>
 * <li>{@value #EVALUATING}: sentences (held-out sentences to score);</li>
 * <li>{@value #FINISHED}: metrics, model (the saved pipeline's folder);</li>
 * <li>{@value #FAILED}: reason, message.</li>
 * </ul>
 * Every event has {@code time} (ISO-8601). Unset fields are left out of the JSON.
 */
public record ProgressEvent(String event, String time, String trainingSet, String output,
        TrainingParameters parameters, Integer trainSentences, Integer validationSentences, Integer epoch,
        Integer epochs, Double loss, Double seconds, Integer sentences, Metrics metrics, String model,
        FailureReason reason, String message) {

    public static final String STARTED = "started";
    public static final String EPOCH = "epoch";
    public static final String EVALUATING = "evaluating";
    public static final String FINISHED = "finished";
    public static final String FAILED = "failed";

    public static ProgressEvent started(String time, String trainingSet, String output, TrainingParameters parameters,
            int trainSentences, int validationSentences) {
        return new ProgressEvent(STARTED, time, trainingSet, output, parameters, trainSentences, validationSentences,
                null, null, null, null, null, null, null, null, null);
    }

    public static ProgressEvent epoch(String time, int epoch, int epochs, double loss, double seconds) {
        return new ProgressEvent(EPOCH, time, null, null, null, null, null, epoch, epochs, loss, seconds, null, null,
                null, null, null);
    }

    public static ProgressEvent evaluating(String time, int sentences) {
        return new ProgressEvent(EVALUATING, time, null, null, null, null, null, null, null, null, null, sentences,
                null, null, null, null);
    }

    public static ProgressEvent finished(String time, Metrics metrics, String model) {
        return new ProgressEvent(FINISHED, time, null, null, null, null, null, null, null, null, null, null, metrics,
                model, null, null);
    }

    public static ProgressEvent failed(String time, FailureReason reason, String message) {
        return new ProgressEvent(FAILED, time, null, null, null, null, null, null, null, null, null, null, null, null,
                reason, message);
    }
}
