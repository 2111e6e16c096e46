package org.annotationlab.project.project;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the project resource. */
public final class ProjectDtos {

    private ProjectDtos() {
    }

    /** POST /projects. The labeling config is optional at creation. */
    public record Create(
            @NotBlank @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters") String name,
            @Size(max = 2000) String description,
            String labelingConfig) {
    }

    /** PUT /projects/{id}: name and description. */
    public record Update(
            @NotBlank @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters") String name,
            @Size(max = 2000) String description) {
    }
}
