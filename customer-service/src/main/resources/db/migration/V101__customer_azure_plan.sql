-- The Azure plans customers hold, learnt from subscription-service's events: a tenant-owner grant needs one.
create table customer_azure_plan (
    customer_id     uuid not null,
    subscription_id uuid not null,
    primary key (customer_id, subscription_id)
);
