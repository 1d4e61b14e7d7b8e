package com.cspchannel.partnership.integration;

import com.cspchannel.events.Topics;
import com.cspchannel.platform.consumer.EventConsumer;
import com.cspchannel.platform.consumer.ReceivedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Feeds one generation of the associations view from the three topics, from offset 0, in its own consumer group.
 * Each poll is applied in one database transaction with the consumed event ids (a few set-based statements per
 * poll, see {@link EventConsumer#applyBatch} and {@link AssociationWriter#applyAll}), then its offsets are committed:
 * a crash replays at most one batch, and the event ids make the replay change nothing. A batch that fails is
 * retried with backoff from the last committed offsets; records that are not valid CloudEvents go to the
 * dead-letter topic.
 */
class GenerationConsumer implements Runnable {

    static final List<String> TOPICS = List.of(Topics.PARTNERSHIPS, Topics.CUSTOMERS, Topics.SUBSCRIPTIONS);
    /** Reading the lag costs two broker round trips: while full polls keep coming, at most once a second. */
    private static final long LAG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Logger log = LoggerFactory.getLogger(GenerationConsumer.class);

    private final int generation;
    private final KafkaConsumer<String, byte[]> consumer;
    private final EventConsumer events;
    private final AssociationWriter writer;
    private final KafkaTemplate<Object, Object> deadLetters;
    private final AtomicLong applied = new AtomicLong();
    private volatile boolean running = true;
    private volatile long lag = -1;
    private volatile boolean polledOnce;
    /** False from a poll that returned records until the lag is read again. */
    private volatile boolean lagCurrent;
    private long lagReadAt;
    private int largestPoll;

    GenerationConsumer(int generation, KafkaConsumer<String, byte[]> consumer, EventConsumer events,
                       AssociationWriter writer, KafkaTemplate<Object, Object> deadLetters) {
        this.generation = generation;
        this.consumer = consumer;
        this.events = events;
        this.writer = writer;
        this.deadLetters = deadLetters;
    }

    static String groupOf(int generation) {
        return "partnership-service.associations.g" + generation;
    }

    static String consumerNameOf(int generation) {
        return "associations-g" + generation;
    }

    int generation() {
        return generation;
    }

    long applied() {
        return applied.get();
    }

    long lag() {
        return lag;
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    @Override
    public void run() {
        Duration backoff = Duration.ofMillis(500);
        try {
            consumer.subscribe(TOPICS);
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                try {
                    if (!records.isEmpty()) {
                        lagCurrent = false;
                        largestPoll = Math.max(largestPoll, records.count());
                        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
                        records.forEach(batch::add);
                        var result = events.applyBatch(consumerNameOf(generation), batch, fresh ->
                                writer.applyAll(generation, fresh.stream().map(ReceivedEvent::event).toList()));
                        for (var refused : result.refused()) {
                            deadLetter(refused.record(), refused.reason());
                        }
                        consumer.commitSync();
                        applied.addAndGet(result.applied());
                    }
                    long now = System.nanoTime();
                    // a poll smaller than the largest one so far suggests that the end is near, an empty one that
                    // it was reached: then the lag is read at once, so that caughtUp() answers without delay
                    if (records.count() < largestPoll || records.isEmpty() || now - lagReadAt >= LAG_INTERVAL_NANOS) {
                        lag = currentLag();
                        lagReadAt = now;
                        lagCurrent = true;
                    }
                    polledOnce = true;
                    backoff = Duration.ofMillis(500);
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    log.warn("Associations generation {}: a batch failed ({}); retrying from the committed offsets in {}",
                            generation, e.toString(), backoff);
                    rewind();
                    sleep(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
                            : backoff.multipliedBy(2);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Whether every partition of the three topics has been consumed up to its end (by any instance), as of the
     * last lag reading, taken after the last batch.
     */
    boolean caughtUp() {
        return polledOnce && lagCurrent && lag == 0;
    }

    private long currentLag() {
        Set<TopicPartition> partitions = new HashSet<>();
        for (String topic : TOPICS) {
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(partitions);
        long total = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata done = committed.get(partition);
            total += Math.max(0, ends.getOrDefault(partition, 0L) - (done == null ? 0 : done.offset()));
        }
        return total;
    }

    private void rewind() {
        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
        for (TopicPartition partition : assigned) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, offset.offset());
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        ProducerRecord<Object, Object> dead = new ProducerRecord<>(
                Topics.deadLetter(record.topic(), groupOf(generation)), record.key(), record.value());
        record.headers().forEach(header -> dead.headers().add(header));
        dead.headers().add("csp_dlt_reason", reason.getBytes(StandardCharsets.UTF_8));
        deadLetters.send(dead).join();
        log.warn("Associations generation {}: record {}-{}@{} is not a valid event, sent to the dead-letter topic: {}",
                generation, record.topic(), record.partition(), record.offset(), reason);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
