-- The first answer to each creating request sent with an Idempotency-Key (platform-web's Idempotency),
-- stored in the transaction of the write it answers: a retry with the same key gets this answer back.
create table idempotency_key (
    caller     varchar(255) not null,
    key        varchar(255) not null,
    request    char(64)     not null, -- SHA-256 (hex) of the method, path, query and body the key was first sent with
    status     integer      not null,
    location   varchar(2048),
    body       text         not null,
    created_at timestamptz  not null default now(),
    primary key (caller, key)
);
create index idempotency_key_by_age on idempotency_key (created_at);
