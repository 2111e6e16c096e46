-- A run over the tasks matching the task list's filter: the conditions besides the tag, each null
-- when not filtered, kept so a run resolved after a restart lists the same tasks.
alter table preannotation_run
    add column completion  text,
    add column assignee    text,
    add column reviewer    text,
    add column predictions text;
