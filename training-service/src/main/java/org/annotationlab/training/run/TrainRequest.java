package org.annotationlab.training.run;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Train Now: {@code tags} restricts the training set to tasks with any of them; {@code deploy}
 * deploys the model when the run succeeds; {@code curve} makes it a train curve; any other key is a training parameter overriding the
 * project's default (the training contract checks them: names, types, ranges).
 */
@Schema(description = "tags, deploy and curve, plus any training parameter (training-contract's TrainingParameters, listed"
        + " in docs/training.md) that overrides the project's default for this run")
public final class TrainRequest {

    @Size(max = 50)
    public List<@Pattern(regexp = "[^,\\s]{1,100}", message = "must be 1-100 characters without commas or spaces") String> tags;

    public Boolean deploy;

    /**
     * A train curve rather than one training: the same parameters and seed on 25, 50 and 75 % of
     * the set first, each scored on the test set, then the whole set. Not with {@code deploy}.
     */
    public Boolean curve;

    private final Map<String, Object> parameters = new LinkedHashMap<>();

    /** A request without a body: the project's defaults, all tasks, no deployment. */
    public static TrainRequest none() {
        return new TrainRequest();
    }

    @JsonAnySetter
    void parameter(String name, Object value) {
        parameters.put(name, value);
    }

    /** The parameter overrides, as given (unchecked). */
    @JsonAnyGetter
    public Map<String, Object> parameters() {
        return parameters;
    }
}
