-- The quality gate (DESIGN.md §6): each project's tolerance, and every decision taken on a training
-- run that asked to be deployed.
create table quality_gate_setting (
    project_id uuid primary key,
    tolerance  double precision not null check (tolerance >= 0 and tolerance <= 1),
    updated_by text,
    updated_at timestamptz not null
);

create table quality_gate_decision (
    run_id         uuid primary key,
    project_id     uuid        not null,
    model_name     text        not null,
    outcome        text        not null check (outcome in ('PASSED', 'REFUSED', 'NOT_GATED')),
    f1             double precision,
    baseline_model text,
    baseline_f1    double precision,
    tolerance      double precision not null,
    test_tasks     integer     not null,
    test_sha256    text,
    message        text        not null,
    decided_at     timestamptz not null,
    overridden_by  text,
    overridden_at  timestamptz,
    override_deployment uuid
);
create index quality_gate_decision_project on quality_gate_decision (project_id, decided_at desc);
