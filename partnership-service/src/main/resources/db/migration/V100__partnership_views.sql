-- Read models of the partnership service, kept by subscribing event processors in the same transaction as
-- the events that change them (so a request sees its own writes). All can be rebuilt from the event store.

create table provider_profile (
    provider_tenant_id uuid primary key,
    name               varchar(200) not null,
    contact_email      varchar(320) not null,
    csp_region         varchar(100) not null,
    partner_id         varchar(20)  not null,
    preferred_language varchar(20),
    version            bigint       not null,
    updated_at         timestamptz  not null
);

create table reseller_directory (
    reseller_tenant_id uuid primary key,
    name               varchar(200) not null,
    contact_email      varchar(320) not null,
    country            varchar(2)   not null,
    csp_region         varchar(100) not null,
    pla_partner_ids    text[]       not null,
    pga_partner_id     varchar(20)  not null,
    preferred_language varchar(20),
    mpa_signed_regions text[]       not null default '{}',
    program_status     varchar(20)  not null,
    enrolled_at        timestamptz  not null,
    version            bigint       not null,
    updated_at         timestamptz  not null
);
create index reseller_directory_pla on reseller_directory using gin (pla_partner_ids);
create index reseller_directory_pga on reseller_directory (pga_partner_id);
create index reseller_directory_region on reseller_directory (csp_region, name);

create table partnership (
    provider_tenant_id uuid         not null,
    reseller_tenant_id uuid         not null,
    state              varchar(20)  not null,
    since              timestamptz  not null,
    invitation_id      uuid,
    accepted_by        varchar(200),
    removed_at         timestamptz,
    removed_by         varchar(200),
    removal_reason     varchar(1000),
    version            bigint       not null,
    primary key (provider_tenant_id, reseller_tenant_id)
);
create index partnership_reseller on partnership (reseller_tenant_id, state);
