-- The W3C trace context (traceparent) of the consumer's span that recorded the notification: the sender mails it
-- later, on another thread, and continues that trace, so the mail shows in the trace of the request that caused it.
-- Null for notifications recorded before, or from a record that carried none.
alter table notification add column traceparent varchar(100);
