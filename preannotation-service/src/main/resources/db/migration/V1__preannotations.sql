-- What preannotation-service knows of each project from events: its deployment and whether it trains.
create table project_state (
    project_id          uuid primary key,
    deployment_id       uuid,
    deployment_state    text,
    deployment_models   text,
    deployment_endpoint text,
    deployment_message  text,
    deployment_at       timestamptz,
    -- the endpoint and models of the latest READY deployment: what pre-annotation uses
    serving_deployment  uuid,
    serving_endpoint    text,
    serving_models      text,
    training_run        uuid,
    deleted             boolean not null default false
);

create table preannotation_run (
    id            uuid primary key,
    project_id    uuid        not null,
    state         text        not null check (state in ('RUNNING', 'SUCCEEDED', 'PARTIAL', 'FAILED', 'CANCELLED')),
    message       text,
    requested_by  text        not null,
    deployment_id uuid        not null,
    endpoint      text        not null,
    models        text        not null,
    -- what to pre-annotate: these task ids (JSON), or every task with this tag, or every task
    task_ids      text,
    tag           text,
    selected      boolean     not null default false,
    total         integer     not null default 0,
    done          integer     not null default 0,
    failed        integer     not null default 0,
    cancel_requested boolean  not null default false,
    created_at    timestamptz not null,
    finished_at   timestamptz
);
-- One pre-annotation of a project at a time.
create unique index preannotation_one_running on preannotation_run (project_id) where state = 'RUNNING';

create table preannotation_task (
    run_id  uuid    not null,
    seq     integer not null,
    task_id uuid    not null,
    text    text    not null,
    state   text    not null default 'PENDING' check (state in ('PENDING', 'DONE', 'FAILED')),
    error   text,
    primary key (run_id, seq)
);
