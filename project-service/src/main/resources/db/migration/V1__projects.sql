create table project (
    id                        uuid primary key,
    name                      varchar(100)  not null,
    slug                      varchar(60)   not null unique,
    description               varchar(2000),
    labeling_config           text,
    created_by                varchar(255)  not null,
    created_at                timestamptz   not null,
    updated_at                timestamptz   not null,
    -- default training parameters (DESIGN.md §5)
    validation_split          double precision not null,
    epochs                    integer       not null,
    learning_rate             double precision not null,
    decay                     double precision not null,
    dropout                   double precision not null,
    batch_size                integer       not null,
    -- active learning (DESIGN.md §5)
    al_enabled                boolean       not null,
    al_every_n                integer       not null,
    al_deploy_after_training  boolean       not null,
    version                   bigint        not null
);
-- Names are unique regardless of case: "Clinical NER" and "clinical ner" are the same project to a person.
create unique index project_name_ci on project (lower(name));

create table project_member (
    project_id uuid         not null references project (id) on delete cascade,
    username   varchar(255) not null,
    role       varchar(20)  not null,
    added_at   timestamptz  not null,
    primary key (project_id, username)
);
create index project_member_by_user on project_member (username);

-- The models deploy-service has registered (from lab.deployments), for labeling-config validation.
create table known_model (
    name          varchar(200) primary key,
    project_id    uuid,
    labels        text         not null,
    pretrained    boolean      not null,
    registered_at timestamptz  not null
);
