-- Who notifications go to: providers and resellers with their contact address and preferred language, kept from
-- csp.partnerships.events (ProviderProfileRegistered/Updated, ResellerEnrolled/ResellerProfileUpdated).
create table recipient (
    kind        varchar(10)  not null, -- provider | reseller
    tenant_id   uuid         not null,
    name        varchar(200) not null,
    email       varchar(320) not null,
    language    varchar(35),          -- as the event said it (e.g. de-DE); null: unknown, English
    updated_at  timestamptz  not null,
    primary key (kind, tenant_id)
);

-- Names that make a message readable ("Wingtip Toys" rather than a UUID), from csp.customers.events and
-- csp.subscriptions.events. A message written before a name is known shows the id instead.
create table customer_name (
    customer_id  uuid primary key,
    company_name varchar(200) not null,
    domain       varchar(253) not null
);

create table subscription_offer (
    subscription_id uuid primary key,
    offer_id        varchar(100) not null,
    offer_name      varchar(200)
);

-- The delivery log and outbox. A row is written in the consumer's transaction (so one event gives its
-- notifications once, even when redelivered: see the unique key), then the sender delivers it:
--   pending_address -> pending -> sent | failed | not_sent
-- pending_address: the recipient's contact address is not known yet (events of different topics arrive in no
-- particular order); the row is rendered and becomes pending when the profile arrives.
create table notification (
    id                  uuid primary key,
    event_id            uuid         not null,
    event_type          varchar(100) not null,
    type                varchar(50)  not null,
    recipient_kind      varchar(10)  not null,
    recipient_tenant_id uuid         not null,
    provider_tenant_id  uuid         not null,
    facts               jsonb        not null, -- what the message says, from the event
    status              varchar(20)  not null,
    recipient_email     varchar(320),
    language            varchar(10),
    subject             text,
    body                text,
    attempts            integer      not null default 0,
    next_attempt_at     timestamptz,
    status_reason       text,
    created_at          timestamptz  not null,
    sent_at             timestamptz,
    updated_at          timestamptz  not null,
    constraint notification_once unique (event_id, recipient_tenant_id, type)
);
create index notification_due on notification (next_attempt_at) where status = 'pending';
create index notification_waiting on notification (recipient_kind, recipient_tenant_id, created_at)
    where status = 'pending_address';
create index notification_recipient on notification (recipient_kind, recipient_tenant_id, created_at desc);
