-- A RUNNING run without a workload is being prepared (training set staged, then launched) by one
-- instance of the service, which renews its lease every few seconds. When the lease has run out
-- (the instance was killed), another instance (or the same one restarted) takes the run over and
-- prepares it again; after a few takeovers the run fails with that reason.
alter table training_run add column preparer uuid;
alter table training_run add column preparer_seen_at timestamptz;
alter table training_run add column preparations integer not null default 0;
