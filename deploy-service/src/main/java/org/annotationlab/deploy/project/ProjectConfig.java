package org.annotationlab.deploy.project;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import java.util.UUID;
import org.annotationlab.events.project.LabelingConfigChanged.LabelBinding;

/** A project's labeling-config bindings (label → model) and slug, kept from {@code lab.projects}. */
@Entity
@Table(name = "project_config")
public class ProjectConfig extends PanacheEntityBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Id
    @Column(name = "project_id")
    public UUID projectId;

    public String slug;

    /** JSON array of {label, model}. */
    public String bindings = "[]";

    public boolean deleted;

    public List<LabelBinding> bindingList() {
        try {
            return JSON.readValue(bindings, new TypeReference<List<LabelBinding>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void bindings(List<LabelBinding> list) {
        try {
            bindings = JSON.writeValueAsString(list);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The project's row, locked for the transaction (created when no event named it yet). */
    public static Uni<ProjectConfig> lock(UUID projectId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "insert into project_config (project_id) values (:id) on conflict do nothing")
                .setParameter("id", projectId).executeUpdate()
                .chain(() -> session.createNativeQuery("select 1 from project_config where project_id = :id for update")
                        .setParameter("id", projectId).getSingleResult()))
                .chain(() -> ProjectConfig.<ProjectConfig>findById(projectId));
    }
}
