-- A project's test tag (DESIGN.md §4): tasks carrying it are never in a training set; they are the
-- project's test set. No row: the default tag, 'test' (TestSet.DEFAULT_TAG).
create table test_set_setting (
    project_id uuid primary key,
    tag        varchar(100) not null
);
