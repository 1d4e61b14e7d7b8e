-- The instances of this service whose relay coordinator is running, each seen at most a claim timeout ago: the
-- relay spreads its segments over them (RelaySegmentBalancer). A row is presence only; it holds no work.
create table processor_instance (
    processor_name varchar(255) not null,
    owner          varchar(255) not null,
    seen_at        timestamptz  not null,
    primary key (processor_name, owner)
);
