-- The pool scored again after each deployment (issue 23 §4): with active learning on and the
-- uncertainty task order, a background run pre-annotates the unannotated tasks so the order follows
-- the newest model. It yields to a training (its lease says so; training-service revokes it) and
-- is due again after it.
alter table preannotation_run add column background boolean not null default false;
alter table project_state add column active_learning boolean not null default false;
alter table project_state add column rescore_due boolean not null default false;
