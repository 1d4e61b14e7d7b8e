-- Idempotent Kafka consumers: a view update and the id of the event it applied commit in one transaction,
-- so a redelivered record finds its id here and changes nothing.
create table consumed_event (
    consumer     varchar(100) not null,
    event_id     uuid         not null,
    topic        varchar(255) not null,
    kafka_partition integer   not null,
    kafka_offset bigint       not null,
    consumed_at  timestamptz  not null default now(),
    primary key (consumer, event_id)
);
