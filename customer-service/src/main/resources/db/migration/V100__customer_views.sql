-- Customers, kept by a subscribing processor in the command's transaction.
create table customer (
    customer_id          uuid primary key,
    provider_tenant_id   uuid         not null,
    company_name         varchar(200) not null,
    domain               varchar(253) not null,
    billing_profile      jsonb        not null,
    associated_reseller  uuid,
    tenant_owner_reseller uuid,
    admin_user_name      varchar(320) not null,
    created_at           timestamptz  not null,
    version              bigint       not null
);
create index customer_provider on customer (provider_tenant_id, company_name);
create index customer_reseller on customer (associated_reseller);

-- A domain is one directory tenant: unique across all providers. The constraint is the guarantee; the
-- service checks first only to answer with a clear error.
create table customer_domain (
    domain      varchar(253) primary key,
    customer_id uuid not null
);

-- Hashes of temporary admin passwords (BCrypt). The clear text exists only in the one HTTP answer.
create table admin_credential (
    customer_id   uuid primary key,
    user_name     varchar(320) not null,
    password_hash varchar(100) not null,
    issued_at     timestamptz  not null
);

alter table customer add column initial_order jsonb;
