-- The model registry: trained models (from lab.trainings) and the configured pretrained catalog.
create table registered_model (
    name           text primary key,
    project_id     uuid,
    labels         text        not null,
    pretrained     boolean     not null,
    path           text        not null,
    version        integer,
    run_id         uuid,
    metrics        text,
    dataset_size   integer,
    dataset_sha256 text,
    trained_at     timestamptz,
    registered_at  timestamptz not null
);
create index registered_model_project on registered_model (project_id);

-- Each project's labeling-config bindings (label -> model), from lab.projects.
create table project_config (
    project_id uuid primary key,
    slug       text,
    bindings   text    not null default '[]',
    deleted    boolean not null default false,
    -- a deleted project's model server has been removed
    server_removed boolean not null default false
);

create table deployment (
    id           uuid primary key,
    project_id   uuid        not null,
    number       integer     not null,
    state        text        not null check (state in ('PENDING', 'READY', 'FAILED')),
    reason       text,
    message      text,
    trigger      text        not null,
    models       text        not null,
    requested_by text,
    endpoint     text,
    created_at   timestamptz not null,
    applied_at   timestamptz,
    finished_at  timestamptz
);
-- One deployment of a project in progress at a time.
create unique index deployment_one_pending on deployment (project_id) where state = 'PENDING';
create unique index deployment_number on deployment (project_id, number);

-- Trainings that asked to be deployed: the config rewrite through project-service, retried until it is accepted.
create table deploy_request (
    run_id       uuid primary key,
    project_id   uuid        not null,
    model_name   text        not null,
    requested_at timestamptz not null,
    attempts     integer     not null default 0,
    last_error   text,
    done         boolean     not null default false
);
