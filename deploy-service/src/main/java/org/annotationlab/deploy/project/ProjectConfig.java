package org.annotationlab.deploy.project;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import java.util.UUID;
import org.annotationlab.web.persistence.JsonColumns;
import org.annotationlab.web.persistence.ProjectRows;
import org.annotationlab.events.project.LabelingConfigChanged.LabelBinding;

/** A project's labeling-config bindings (label → model), slug and name, kept from {@code lab.projects}. */
@Entity
@Table(name = "project_config")
public class ProjectConfig extends PanacheEntityBase {

    @Id
    @Column(name = "project_id")
    public UUID projectId;

    public String slug;

    /** The project's name as users see it. */
    public String name;

    /** JSON array of {label, model}. */
    public String bindings = "[]";

    public boolean deleted;

    public List<LabelBinding> bindingList() {
        return JsonColumns.read(bindings, new TypeReference<List<LabelBinding>>() { });
    }

    public void bindings(List<LabelBinding> list) {
        bindings = JsonColumns.write(list);
    }

    /** The project's row, locked for the transaction (created when no event named it yet). */
    public static Uni<ProjectConfig> lock(UUID projectId) {
        return ProjectRows.lock("project_config", projectId).chain(() -> ProjectConfig.<ProjectConfig>findById(projectId));
    }
}
