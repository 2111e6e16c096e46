-- The task list's filters (TaskFilter): a project's tasks with or without a completion in a state,
-- or a prediction. With the project leading, PostgreSQL reads only that project's entries (index
-- only) instead of every project's rows, or probing each of the project's tasks in list order
-- (measured on 100,000 tasks beside 800,000 of other projects: a sparse filter's count and page
-- went from about 0.4 s to under 1 ms).
create index completion_by_project_state on completion (project_id, submitted, review_status, task_id);
create index prediction_by_project on prediction (project_id, task_id);
