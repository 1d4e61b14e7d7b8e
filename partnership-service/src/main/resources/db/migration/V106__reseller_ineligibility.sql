-- What a reseller's ineligibility touches (issue 16). A removal, a suspension or an MPA that lapses for a
-- region is recorded here, once per triggering event and provider, in the transaction of the command that
-- recorded the event. The report lists what the associations view holds at the trigger's instant, and that view
-- reads the customers and subscriptions topics asynchronously: so the trigger waits here, pending, until the
-- view has caught up (or a bounded wait is over), and the replica that claims it first reports it.
create table ineligibility_trigger (
    trigger_event_id   uuid         not null,
    provider_tenant_id uuid         not null,
    reseller_tenant_id uuid         not null,
    cause              varchar(30)  not null,
    csp_region         varchar(100),
    occurred_at        timestamptz  not null,
    recorded_at        timestamptz  not null default now(),
    -- derived from the trigger event id and the provider, so that a second replica's report is the same aggregate
    report_id          uuid         not null unique,
    reported_at        timestamptz,
    primary key (trigger_event_id, provider_tenant_id)
);
create index ineligibility_trigger_pending on ineligibility_trigger (recorded_at) where reported_at is null;
create index ineligibility_trigger_reseller on ineligibility_trigger (provider_tenant_id, reseller_tenant_id);

-- The subscription report joins a subscription's reseller-of-record interval with its support-contact interval
-- at any instant, not only the open ones (reseller_association_open covers those).
create index reseller_association_subject on reseller_association (generation, kind, subject_id, since);
