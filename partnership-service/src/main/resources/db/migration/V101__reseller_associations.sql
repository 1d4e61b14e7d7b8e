-- The reseller associations view, rebuilt from the event streams of all three services (integration package).
-- Every row is an interval during which a reseller held an association with a provider's customer or
-- subscription: [since, until), until null while it holds. Rows belong to a generation: a rebuild fills a new
-- generation from offset 0 while the active one keeps answering, then becomes active in one transaction.
create table association_view_state (
    id                  integer primary key check (id = 1),
    active_generation   integer      not null,
    building_generation integer,
    rebuild_state       varchar(20)  not null,
    rebuild_started_at  timestamptz,
    rebuild_finished_at timestamptz,
    rebuild_events      bigint       not null default 0,
    rebuild_error       varchar(1000)
);
insert into association_view_state (id, active_generation, rebuild_state) values (1, 1, 'idle');

create table reseller_association (
    generation         integer     not null,
    opened_by_event    uuid        not null,
    kind               varchar(30) not null,
    provider_tenant_id uuid        not null,
    reseller_tenant_id uuid        not null,
    subject_id         uuid        not null,
    customer_id        uuid,
    partner_id         varchar(20),
    since              timestamptz not null,
    until              timestamptz,
    primary key (generation, opened_by_event)
);
create index reseller_association_reseller on reseller_association (generation, reseller_tenant_id, provider_tenant_id, since);
create index reseller_association_open on reseller_association (generation, kind, subject_id) where until is null;
