-- Uncertainty-first task order (DESIGN.md §4, issue 23 §4).
-- Each prediction keeps its model's uncertainty about the whole text; each task keeps its newest
-- prediction's score and measures, so the task list sorts and filters by them and the next-task
-- order reads them without a per-task subquery.
alter table prediction
    add column least_confidence double precision,
    add column mnlp             double precision,
    add column entropy          double precision;
alter table task
    add column prediction_score double precision,
    add column least_confidence double precision,
    add column mnlp             double precision,
    add column entropy          double precision;
-- A project's task order: sequential (import order), random (seeded) or uncertainty (most
-- uncertain first by a measure). No row: sequential.
create table task_order_setting (
    project_id uuid primary key,
    strategy   varchar(20) not null,
    measure    varchar(20) not null,
    seed       bigint      not null
);
