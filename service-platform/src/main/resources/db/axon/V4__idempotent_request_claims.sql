-- A request claims its key at its start, in its own transaction: a concurrent retry with the same key waits on
-- the row until the first commits (then replays its outcome) or rolls back (then runs itself). Until the first
-- request completes, the row holds no resource.
alter table idempotent_request alter column resource_id drop not null;
