package org.annotationlab.deploy.gate;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The quality gate's decision on one training run that asked to be deployed, and its override. */
@Entity
@Table(name = "quality_gate_decision")
public class GateDecision extends PanacheEntityBase {

    @Id
    @Column(name = "run_id")
    public UUID runId;

    @Column(name = "project_id")
    public UUID projectId;

    @Column(name = "model_name")
    public String modelName;

    @Enumerated(EnumType.STRING)
    public QualityGate.Outcome outcome;

    public Double f1;

    @Column(name = "baseline_model")
    public String baselineModel;

    @Column(name = "baseline_f1")
    public Double baselineF1;

    public double tolerance;

    @Column(name = "test_tasks")
    public int testTasks;

    @Column(name = "test_sha256")
    public String testSha256;

    public String message;

    @Column(name = "decided_at")
    public Instant decidedAt;

    /** Who deployed the refused model anyway (null: nobody). */
    @Column(name = "overridden_by")
    public String overriddenBy;

    @Column(name = "overridden_at")
    public Instant overriddenAt;

    /** The deployment the override started. */
    @Column(name = "override_deployment")
    public UUID overrideDeployment;
}
