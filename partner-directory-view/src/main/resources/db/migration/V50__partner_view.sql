-- Views of the partnership service's facts, fed from csp.partnerships.events (partner-view module): what
-- a service needs to decide locally whether a reseller may be named.
create table partner_provider (
    provider_tenant_id uuid primary key,
    partner_id         varchar(20)  not null,
    csp_region         varchar(100) not null
);

create table partner_reseller (
    reseller_tenant_id uuid primary key,
    name               varchar(200) not null,
    csp_region         varchar(100) not null,
    pla_partner_ids    text[]       not null,
    pga_partner_id     varchar(20)  not null,
    mpa_signed_regions text[]       not null default '{}',
    program_status     varchar(20)  not null default 'active'
);
create index partner_reseller_pla on partner_reseller using gin (pla_partner_ids);

create table partner_partnership (
    provider_tenant_id uuid        not null,
    reseller_tenant_id uuid        not null,
    active             boolean     not null,
    changed_at         timestamptz not null,
    primary key (provider_tenant_id, reseller_tenant_id)
);

