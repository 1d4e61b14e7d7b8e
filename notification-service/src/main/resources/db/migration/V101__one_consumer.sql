-- The three topics are read by one consumer, "notification-service", whose name is also its consumer group (as
-- before). The events it already applied under its former per-topic names stay applied: event ids are unique
-- across topics, so the rows can simply be renamed.
update consumed_event set consumer = 'notification-service'
where consumer in ('notification-service.partnerships', 'notification-service.customers',
                   'notification-service.subscriptions');
