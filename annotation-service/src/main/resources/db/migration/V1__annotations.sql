-- The labels of each project's labeling config, from lab.projects LabelingConfigChanged.
create table project_labels (
    project_id uuid primary key,
    labels     text not null
);

create table task (
    id         uuid primary key,
    seq        bigint generated always as identity,
    project_id uuid         not null,
    text       text         not null,
    meta       text,
    assignee   varchar(255),
    reviewer   varchar(255),
    created_at timestamptz  not null
);
create index task_by_project on task (project_id, seq);

create table task_tag (
    task_id uuid         not null references task (id) on delete cascade,
    tag     varchar(100) not null,
    primary key (task_id, tag)
);
create index task_tag_by_tag on task_tag (tag, task_id);

create table completion (
    id              uuid primary key,
    task_id         uuid          not null references task (id) on delete cascade,
    project_id      uuid          not null,
    author          varchar(255)  not null,
    spans           text          not null,
    submitted       boolean       not null,
    submitted_at    timestamptz,
    review_status   varchar(10)   not null,
    reviewer        varchar(255),
    review_comment  varchar(2000),
    reviewed_at     timestamptz,
    from_prediction uuid,
    created_at      timestamptz   not null,
    updated_at      timestamptz   not null,
    version         bigint        not null
);
create index completion_by_task on completion (task_id);
-- The training-set candidates: submitted and not rejected (DESIGN.md §4).
create index completion_selectable on completion (project_id, task_id) where submitted and review_status <> 'REJECTED';

create table completion_history (
    id            bigint generated always as identity primary key,
    completion_id uuid         not null references completion (id) on delete cascade,
    action        varchar(20)  not null,
    actor         varchar(255) not null,
    at            timestamptz  not null,
    detail        varchar(2000)
);
create index completion_history_by_completion on completion_history (completion_id, id);

create table prediction (
    id            uuid primary key,
    task_id       uuid             not null references task (id) on delete cascade,
    project_id    uuid             not null,
    model_name    varchar(200)     not null,
    model_version varchar(50)      not null,
    spans         text             not null,
    score         double precision,
    created_at    timestamptz      not null,
    unique (task_id, model_name, model_version)
);

-- The last selected-set size published per project (TrainingSetChanged is sent when it changes).
create table training_set_size (
    project_id     uuid primary key,
    selected_count integer not null
);
