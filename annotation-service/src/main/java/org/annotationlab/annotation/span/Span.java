package org.annotationlab.annotation.span;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * One labelled stretch of a task's text: character offsets, {@code end} exclusive, and the label.
 * Predictions also carry the confidence of the model that produced them.
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record Span(@NotNull @Min(0) Integer start, @NotNull @Min(0) Integer end, @NotBlank String label,
        Double confidence) {

    public static Span of(int start, int end, String label) {
        return new Span(start, end, label, null);
    }
}
