-- Requests to recount a project's selected training set, written (as plain inserts, so concurrent
-- submits never wait on each other) in the transaction that changed it; TrainingSetTracker's
-- sweep consumes them, recounts under the project's size-row lock and publishes a change.
create table training_set_recount (
    id         bigint generated always as identity primary key,
    project_id uuid not null
);
create index training_set_recount_by_project on training_set_recount (project_id);
