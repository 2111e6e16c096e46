package org.annotationlab.annotation.task;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** A tag on a task; tags select the tasks a training run uses. */
@Entity
@Table(name = "task_tag")
public class TaskTag extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    /** Task and tag. */
    @Embeddable
    public record Key(@Column(name = "task_id") UUID taskId, @Column(name = "tag") String tag) implements Serializable {
    }
}
