package com.cspchannel.platform.consumer;

import com.cspchannel.events.CloudEventHeaders;
import com.cspchannel.events.EventCatalog;
import com.cspchannel.events.EventCodec;
import com.cspchannel.events.PublicEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
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
            viewUpdate.accept(new ReceivedEvent(event, headers, record.topic(), record.partition(), record.offset()));
            return true;
        });
        return Boolean.TRUE.equals(applied);
    }

    /** The outcome of a batch: how many events were applied, skipped as duplicates, and records refused. */
    public record BatchResult(int applied, int duplicates, List<Refused> refused) {
    }

    /** A record that is not a valid CloudEvent of a known shape, with the reason. */
    public record Refused(ConsumerRecord<String, byte[]> record, String reason) {
    }

    /**
     * Applies a batch of records in one transaction: for streams where a transaction per record is too slow (a
     * view rebuild). Duplicates are skipped as in {@link #apply}; records that cannot be decoded are returned,
     * not applied, so that the caller can dead-letter them; a failing update rolls the whole batch back.
     */
    public BatchResult applyBatch(String consumer, List<ConsumerRecord<String, byte[]>> records,
                                  Consumer<ReceivedEvent> viewUpdate) {
        List<Refused> refused = new ArrayList<>();
        List<ReceivedEvent> decoded = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                CloudEventHeaders headers = CloudEventHeaders.fromKafkaHeaders(name -> lastHeader(record, name));
                UUID.fromString(headers.id());
                PublicEvent event = EventCatalog.byName(headers.type()).isPresent()
                        ? EventCodec.decode(headers.type(), record.value()) : null;
                decoded.add(new ReceivedEvent(event, headers, record.topic(), record.partition(), record.offset()));
            } catch (RuntimeException e) {
                refused.add(new Refused(record, e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        int[] counts = new int[2];
        transactions.executeWithoutResult(status -> {
            int[] inserted = jdbc.batchUpdate(RECORD, decoded.stream().map(r -> new Object[]{consumer,
                    UUID.fromString(r.headers().id()), r.topic(), r.partition(), r.offset()}).toList());
            for (int i = 0; i < decoded.size(); i++) {
                if (inserted[i] == 0) {
                    counts[1]++;
                } else if (decoded.get(i).event() != null) {
                    viewUpdate.accept(decoded.get(i));
                    counts[0]++;
                }
            }
        });
        return new BatchResult(counts[0], counts[1], refused);
    }

    private static byte[] lastHeader(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : header.value();
    }
}
