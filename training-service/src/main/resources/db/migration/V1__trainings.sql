-- What training-service knows of each project, from lab.projects, lab.annotations and lab.preannotations.
create table project_training (
    project_id         uuid primary key,
    slug               text,
    al_enabled         boolean          not null default false,
    al_every_n         integer          not null default 50,
    al_deploy          boolean          not null default false,
    validation_split   double precision not null default 0.2,
    epochs             integer          not null default 10,
    learning_rate      double precision not null default 0.001,
    decay              double precision not null default 0.005,
    dropout            double precision not null default 0.5,
    batch_size         integer          not null default 8,
    -- the size of the selected training set, as annotation-service last published it
    selected_count     integer          not null default 0,
    deleted            boolean          not null default false
);

-- Pre-annotation runs in progress: the project is busy while any is listed.
create table preannotation_in_progress (
    project_id uuid not null,
    run_id     uuid not null,
    primary key (project_id, run_id)
);

create table training_run (
    id               uuid primary key,
    project_id       uuid        not null,
    number           integer     not null,
    state            text        not null check (state in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    phase            text,
    reason           text,
    message          text,
    trigger          text        not null,
    requested_by     text,
    deploy           boolean     not null,
    parameters       text        not null,
    tags             text,
    selected_count   integer     not null,
    dataset_size     integer,
    dataset_sha256   text,
    spans            bigint,
    spans_adjusted   bigint,
    spans_dropped    bigint,
    epoch            integer,
    epochs           integer,
    loss             double precision,
    progress_offset  bigint      not null default 0,
    metrics          text,
    model_name       text,
    model_version    integer,
    labels           text,
    workload         text,
    run_dir          text,
    cancel_requested boolean     not null default false,
    cancelled_by     text,
    created_at       timestamptz not null,
    started_at       timestamptz,
    finished_at      timestamptz
);

-- DESIGN.md §5: within one project at most one run is queued or running.
create unique index training_run_one_active on training_run (project_id) where state in ('QUEUED', 'RUNNING');
create unique index training_run_number on training_run (project_id, number);
create index training_run_state on training_run (state, created_at);
