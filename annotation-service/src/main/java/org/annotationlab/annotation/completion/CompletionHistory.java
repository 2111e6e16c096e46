package org.annotationlab.annotation.completion;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Who did what to a completion, and when: created, updated, submitted, accepted, rejected. */
@Entity
@Table(name = "completion_history")
public class CompletionHistory extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "completion_id", nullable = false)
    public UUID completionId;

    @Column(nullable = false)
    public String action;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public OffsetDateTime at;

    public String detail;

    public static CompletionHistory of(UUID completionId, String action, String actor, String detail) {
        CompletionHistory h = new CompletionHistory();
        h.completionId = completionId;
        h.action = action;
        h.actor = actor;
        h.at = OffsetDateTime.now(ZoneOffset.UTC);
        h.detail = detail;
        return h;
    }
}
