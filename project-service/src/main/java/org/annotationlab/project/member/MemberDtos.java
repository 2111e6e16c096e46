package org.annotationlab.project.member;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.annotationlab.events.project.ProjectRole;

/** Request bodies and the view of the member resource. */
public final class MemberDtos {

    private MemberDtos() {
    }

    /** POST /projects/{id}/members: the Keycloak user name and the role to give. */
    public record Add(
            @NotBlank @Size(max = 255) @Pattern(regexp = "[^\\s\\p{Cntrl}]+", message = "must not contain spaces") String username,
            @NotNull ProjectRole role) {
    }

    /** PUT /projects/{id}/members/{username}. */
    public record ChangeRole(@NotNull ProjectRole role) {
    }

    /** A member as the API shows it. */
    public record MemberView(String username, ProjectRole role) {
        static MemberView of(ProjectMember m) {
            return new MemberView(m.key.username(), m.role);
        }
    }
}
