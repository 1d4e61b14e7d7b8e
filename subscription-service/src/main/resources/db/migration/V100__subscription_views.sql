-- Customers as the customer service publishes them (csp.customers.events): who owns a customer and which
-- reseller administers it.
create table known_customer (
    customer_id         uuid primary key,
    provider_tenant_id  uuid         not null,
    company_name        varchar(200) not null,
    associated_reseller uuid
);

-- Orders and subscriptions, kept by a subscribing processor in the command's transaction.
create table customer_order (
    order_id           uuid primary key,
    customer_id        uuid        not null,
    provider_tenant_id uuid        not null,
    status             varchar(20) not null,
    source             varchar(20) not null,
    line_items         jsonb       not null,
    reasons            jsonb,
    created_at         timestamptz not null
);
create index customer_order_customer on customer_order (customer_id, created_at);

create table subscription (
    subscription_id     uuid primary key,
    order_id            uuid         not null,
    customer_id         uuid         not null,
    provider_tenant_id  uuid         not null,
    offer_id            varchar(100) not null,
    offer_name          varchar(200) not null,
    quantity            integer      not null,
    status              varchar(20)  not null,
    partner_id          varchar(20),
    reseller_tenant_id  uuid,
    support_tenant_id   uuid,
    support_mpn_id      varchar(20),
    support_name        varchar(200),
    purchased_at        timestamptz  not null,
    version             bigint       not null
);
create index subscription_customer on subscription (customer_id);
create index subscription_reseller on subscription (reseller_tenant_id);
create index subscription_support on subscription (support_tenant_id);
