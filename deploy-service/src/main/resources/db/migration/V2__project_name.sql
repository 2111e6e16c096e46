-- The project's name as users see it, so that the model list can be filtered by it.
alter table project_config add column name text;
