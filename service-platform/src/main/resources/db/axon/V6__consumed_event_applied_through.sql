-- How far each consumer has applied (the newest consumed_at), which every 409/422 answer reports: with this index
-- it is one index entry per consumer, where it was an aggregate over every event the consumer ever applied (33 ms
-- at 92,000 events, growing with history, on every refusal). Not built concurrently: that waits for every open
-- transaction, Flyway's own lock among them, and never ends. Consumers' inserts wait while it is built.
create index if not exists consumed_event_applied_through on consumed_event (consumer, consumed_at);
