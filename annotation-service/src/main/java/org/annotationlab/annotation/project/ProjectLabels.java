package org.annotationlab.annotation.project;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/** The labels a project annotates, from its labeling config (kept from lab.projects). */
@Entity
@Table(name = "project_labels")
public class ProjectLabels extends PanacheEntityBase {

    @Id
    @Column(name = "project_id")
    public UUID projectId;

    /** Comma-separated; labels never contain commas or spaces. */
    @Column(nullable = false)
    public String labels;

    public Set<String> set() {
        return parse(labels);
    }

    /** The label set a {@code labels} column holds; empty for none (null: no labeling config yet). */
    public static Set<String> parse(String labels) {
        return labels == null || labels.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(labels.split(",")));
    }

    /** The project's labels; empty when it has no labeling config yet. */
    public static Uni<Set<String>> of(UUID projectId) {
        return ProjectLabels.<ProjectLabels>findById(projectId).map(p -> p == null ? Set.of() : p.set());
    }
}
