package org.annotationlab.deploy.deployment;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.web.persistence.JsonColumns;

/** One deployment of a project's models: what was asked, by whom, and how it went. */
@Entity
@Table(name = "deployment")
public class Deployment extends PanacheEntityBase {

    public enum State {
        PENDING, READY, FAILED
    }

    @Id
    public UUID id;

    @Column(name = "project_id")
    public UUID projectId;

    public int number;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public State state;

    /** Why it FAILED: LAUNCH_FAILED, SERVER_REFUSED, SERVER_FAILED, NOT_READY_IN_TIME, REWRITE_REFUSED. */
    public String reason;

    public String message;

    /** MANUAL (the Deploy button) or AFTER_TRAINING. */
    public String trigger;

    /** JSON list of {@link DeployedModel}. */
    public String models;

    @Column(name = "requested_by")
    public String requestedBy;

    /** The model server's base URL once applied. */
    public String endpoint;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "applied_at")
    public Instant appliedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** A deployed model: its name, the labels bound to it (all it contributes), its folder in the model store. */
    public record DeployedModel(String name, String version, List<String> labels, String path) {
    }

    public List<DeployedModel> modelList() {
        return JsonColumns.read(models, new TypeReference<List<DeployedModel>>() { });
    }

    public void models(List<DeployedModel> list) {
        models = JsonColumns.write(list);
    }

    /** name → path, as the model server is given them. */
    public Map<String, String> paths() {
        Map<String, String> paths = new LinkedHashMap<>();
        modelList().forEach(m -> paths.put(m.name(), m.path()));
        return paths;
    }

    public static Uni<Deployment> locked(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public static Uni<Deployment> latest(UUID projectId) {
        return find("projectId = ?1 order by number desc", projectId).firstResult();
    }

    /** The project's most recent READY deployment: what its server serves. */
    public static Uni<Deployment> serving(UUID projectId) {
        return find("projectId = ?1 and state = ?2 order by number desc", projectId, State.READY).firstResult();
    }
}
