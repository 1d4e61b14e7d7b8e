package com.cspchannel.platform.consumer;

import com.cspchannel.events.CloudEventHeaders;
import com.cspchannel.events.EventCatalog;
import com.cspchannel.events.EventCodec;
import com.cspchannel.events.PublicEvent;
import com.cspchannel.platform.tracing.EventTracing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Applies Kafka records to a view exactly once per event: the view update and the event's id are written
 * in one database transaction, so a redelivered record (after a crash, a rebalance or a relay retry) finds
 * its id already recorded and changes nothing. Events of a type this service does not know are recorded
 * and skipped (a newer producer may add types). A record that is not a valid CloudEvent is an error: the
 * container's error handler retries it a bounded number of times and then sends it to the dead-letter topic.
 */
public class EventConsumer {

    private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);
    private static final String RECORD = """
            insert into consumed_event (consumer, event_id, topic, kafka_partition, kafka_offset)
            values (?, ?, ?, ?, ?) on conflict do nothing""";
    private static final String RECORD_ALL = """
            insert into consumed_event (consumer, event_id, topic, kafka_partition, kafka_offset)
            select ?, r.event_id, r.topic, r.kafka_partition, r.kafka_offset
            from unnest(?::uuid[], ?::varchar[], ?::integer[], ?::bigint[])
                as r(event_id, topic, kafka_partition, kafka_offset)
            on conflict do nothing returning event_id""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public EventConsumer(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Decodes the record and, unless this consumer already applied its event, runs {@code viewUpdate} in
     * the same transaction that records the event id.
     *
     * @return true when the event was applied now, false for a duplicate or an unknown type
     */
    public boolean apply(String consumer, ConsumerRecord<String, byte[]> record, Consumer<ReceivedEvent> viewUpdate) {
        CloudEventHeaders headers = CloudEventHeaders.fromKafkaHeaders(name -> lastHeader(record, name));
        UUID eventId = UUID.fromString(headers.id());
        boolean known = EventCatalog.byName(headers.type()).isPresent();
        PublicEvent event = known ? EventCodec.decode(headers.type(), record.value()) : null;
        Boolean applied = transactions.execute(status -> {
            int inserted = jdbc.update(RECORD, consumer, eventId, record.topic(), record.partition(), record.offset());
            if (inserted == 0) {
                log.debug("{} skips duplicate event {} ({})", consumer, eventId, headers.type());
                return false;
            }
            if (!known) {
                log.info("{} skips event {} of unknown type {}", consumer, eventId, headers.type());
                return false;
            }
            viewUpdate.accept(new ReceivedEvent(event, headers, record.topic(), record.partition(), record.offset(),
                    traceparent(record)));
            return true;
        });
        return Boolean.TRUE.equals(applied);
    }

    /** The outcome of a batch: how many events were applied, skipped as duplicates, and records refused. */
    public record BatchResult(int applied, int duplicates, List<Refused> refused) {
    }

    /** A record that is not a valid CloudEvent of a known shape, with the reason. */
    public record Refused(ConsumerRecord<String, byte[]> record, RuntimeException error) {
    }

    /**
     * Applies a batch of records (a poll) in one transaction, so that a consumer commits once per poll rather than
     * once per record. The event ids of the whole batch are recorded with one statement; {@code viewUpdate} then runs
     * once, in the same transaction, with the batch's new events of known types in record order (so per-partition
     * order holds). A record whose id this consumer already recorded, or that repeats an earlier record of the same
     * batch, is a duplicate and is not passed on. Records that cannot be decoded are returned, not applied, so that
     * the caller can dead-letter them; a failing update rolls the whole batch back, event ids included.
     */
    public BatchResult applyBatch(String consumer, List<ConsumerRecord<String, byte[]>> records,
                                  Consumer<List<ReceivedEvent>> viewUpdate) {
        List<Refused> refused = new ArrayList<>();
        List<ReceivedEvent> decoded = new ArrayList<>(records.size());
        List<UUID> ids = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                CloudEventHeaders headers = CloudEventHeaders.fromKafkaHeaders(name -> lastHeader(record, name));
                UUID id = UUID.fromString(headers.id());
                PublicEvent event = EventCatalog.byName(headers.type()).isPresent()
                        ? EventCodec.decode(headers.type(), record.value()) : null;
                decoded.add(new ReceivedEvent(event, headers, record.topic(), record.partition(), record.offset(),
                        traceparent(record)));
                ids.add(id);
            } catch (RuntimeException e) {
                refused.add(new Refused(record, e));
            }
        }
        if (decoded.isEmpty()) {
            return new BatchResult(0, 0, refused);
        }
        return transactions.execute(status -> {
            Set<UUID> recorded = recordAll(consumer, decoded, ids);
            List<ReceivedEvent> fresh = new ArrayList<>(decoded.size());
            int duplicates = 0;
            for (int i = 0; i < decoded.size(); i++) {
                // remove: a second copy of an id in this batch is a duplicate of the first
                if (!recorded.remove(ids.get(i))) {
                    duplicates++;
                } else if (decoded.get(i).event() != null) {
                    fresh.add(decoded.get(i));
                } else {
                    log.info("{} skips event {} of unknown type {}", consumer, ids.get(i),
                            decoded.get(i).headers().type());
                }
            }
            if (!fresh.isEmpty()) {
                viewUpdate.accept(fresh);
            }
            return new BatchResult(fresh.size(), duplicates, refused);
        });
    }

    /** Records the ids of a batch with one statement and returns those that were new for this consumer. */
    private Set<UUID> recordAll(String consumer, List<ReceivedEvent> decoded, List<UUID> ids) {
        String[] eventIds = new String[ids.size()];
        String[] topics = new String[ids.size()];
        Integer[] partitions = new Integer[ids.size()];
        Long[] offsets = new Long[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            ReceivedEvent received = decoded.get(i);
            eventIds[i] = ids.get(i).toString();
            topics[i] = received.topic();
            partitions[i] = received.partition();
            offsets[i] = received.offset();
        }
        Set<UUID> recorded = new HashSet<>(ids.size() * 2);
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(RECORD_ALL);
            statement.setString(1, consumer);
            statement.setArray(2, connection.createArrayOf("text", eventIds));
            statement.setArray(3, connection.createArrayOf("text", topics));
            statement.setArray(4, connection.createArrayOf("int4", partitions));
            statement.setArray(5, connection.createArrayOf("int8", offsets));
            return statement;
        }, (RowCallbackHandler) rs -> recorded.add(rs.getObject(1, UUID.class)));
        return recorded;
    }

    private static String traceparent(ConsumerRecord<?, ?> record) {
        byte[] value = lastHeader(record, EventTracing.TRACEPARENT);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static byte[] lastHeader(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : header.value();
    }
}
