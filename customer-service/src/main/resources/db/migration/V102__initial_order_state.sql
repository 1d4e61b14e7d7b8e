-- What became of a customer's initial order, as subscription-service tells it: accepted (with the customer),
-- then fulfilled (its subscriptions exist); rejected only for orders of earlier releases, with the reasons.
alter table customer add column initial_order_state varchar(20) not null default 'accepted';
alter table customer add column initial_order_reasons jsonb;
