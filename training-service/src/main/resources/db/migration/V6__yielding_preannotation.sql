-- A background pre-annotation (the pool scored again after a deployment, issue 23 §4) yields to a
-- training: its lease says so (yields), and queueing a training revokes such a lease instead of
-- being refused. The run sees the revocation before its next batch and stops; the training waits
-- QUEUED until the lease is released, so a training and a pre-annotation of a project still never
-- run together.
alter table preannotation_in_progress add column yields boolean not null default false;
alter table preannotation_in_progress add column revoked boolean not null default false;
