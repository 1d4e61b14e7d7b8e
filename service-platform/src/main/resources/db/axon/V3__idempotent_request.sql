-- Idempotent retries (Idempotency-Key or MS-RequestId): the key of a request that created something is
-- written in the same transaction as the events it caused, so a retry finds it and gets the first outcome.
create table idempotent_request (
    tenant_id       varchar(64)  not null,
    idempotency_key varchar(200) not null,
    operation       varchar(100) not null,
    request_sha256  varchar(64)  not null,
    resource_id     varchar(255) not null,
    created_at      timestamptz  not null default now(),
    primary key (tenant_id, idempotency_key)
);
