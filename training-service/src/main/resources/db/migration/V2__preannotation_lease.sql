-- training-service holds each project's "busy" state (DESIGN.md §9): preannotation-service takes a
-- lease here, synchronously and under the project's lock, before it starts a run, so a training and
-- a pre-annotation of one project never both start. A lease taken but never confirmed by the run's
-- PreannotationStarted (its service died before committing the run) stops counting after a while.
alter table preannotation_in_progress add column acquired_at timestamptz not null default now();
alter table preannotation_in_progress add column confirmed boolean not null default true;
