-- The models the project's model server serves, as deploy-service last announced them
-- (DeploymentCompleted), comma-separated: the view from which a run picks the deployed model the
-- quality gate compares it with (DESIGN.md §6). Background work only; the gate decides at
-- deploy-service on its own current state.
alter table project_training add column serving_models text not null default '';
