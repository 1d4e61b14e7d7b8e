-- Wakes the relay as soon as events are committed, in this instance or any other replica: NOTIFY is
-- transactional (delivered at commit, never for a rolled-back write) and PostgreSQL folds identical
-- notifications of one transaction into one. Repeatable, so it does not take a version number in the
-- sequence the services' own migrations share.
create or replace function csp_event_store_appended() returns trigger language plpgsql as $$
begin
    perform pg_notify('csp_event_store', '');
    return null;
end;
$$;

drop trigger if exists csp_event_store_appended on domain_event_entry;
create trigger csp_event_store_appended
    after insert on domain_event_entry
    for each statement execute function csp_event_store_appended();
