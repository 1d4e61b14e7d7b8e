-- Bulk reassignment jobs between resellers (ReassignmentJob's view, updated in the command's transaction) and
-- each item's outcome as the owning service reported it.
create table reassignment_job (
    job_id                    uuid primary key,
    provider_tenant_id        uuid         not null,
    source_reseller_tenant_id uuid         not null,
    target_reseller_tenant_id uuid         not null,
    target_partner_id         varchar(20),
    started_by                varchar(200) not null,
    started_at                timestamptz  not null,
    completed_at              timestamptz
);
create index reassignment_job_provider on reassignment_job (provider_tenant_id, started_at);

create table reassignment_item (
    job_id          uuid        not null references reassignment_job (job_id),
    position        integer     not null,
    kind            varchar(30) not null,
    customer_id     uuid        not null,
    subscription_id uuid,
    outcome         varchar(20) not null,
    code            varchar(100),
    primary key (job_id, position)
);
