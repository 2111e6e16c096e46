-- Shared by every service (platform-events). Versioned below 1 so that it runs before each
-- service's own V1__ script; services list classpath:db/platform in quarkus.flyway.locations.

-- Transactional outbox: rows are written in the same transaction as the state change they
-- describe and published to Kafka by the OutboxRelay, in seq order.
create table outbox_event (
    seq          bigserial primary key,
    id           uuid         not null unique,
    topic        varchar(100) not null,
    event_key    varchar(200),
    type         varchar(200) not null,
    payload      text         not null,
    created_at   timestamptz  not null,
    published_at timestamptz
);
create index outbox_event_unpublished on outbox_event (seq) where published_at is null;

-- Idempotent consumers: an event id is recorded in the same transaction as its effect.
create table processed_event (
    consumer     varchar(100) not null,
    event_id     uuid         not null,
    event_type   varchar(200) not null,
    processed_at timestamptz  not null,
    primary key (consumer, event_id)
);
