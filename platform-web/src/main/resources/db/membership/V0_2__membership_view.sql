-- A service's local copy of project memberships, kept from lab.projects events (platform-web).
create table project_membership (
    project_id uuid         not null,
    username   varchar(255) not null,
    role       varchar(20)  not null,
    primary key (project_id, username)
);
create index project_membership_by_user on project_membership (username);
