-- Runs that ended before finishing started to prune: keep only the failed task rows (the failure
-- list); the others held a copy of every task's text for nothing.
delete from preannotation_task t
using preannotation_run r
where t.run_id = r.id and r.state <> 'RUNNING' and t.state <> 'FAILED';
