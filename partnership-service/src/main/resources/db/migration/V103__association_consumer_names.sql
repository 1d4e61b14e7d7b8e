-- A generation's consumer name is now also its consumer group (partnership-service.associations.g<N>): the
-- events each generation already applied stay applied under the new name.
update consumed_event set consumer = 'partnership-service.associations.g' || substr(consumer, length('associations-g') + 1)
where consumer like 'associations-g%';
