package com.cspchannel.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every event of one type published on the partnerships topic from now on, by the reseller it is about, with the
 * time it was first seen and its event ids (the relay publishes at least once, so one event may arrive twice under
 * one id).
 */
final class TopicWatcher implements AutoCloseable {
    private static final String TOPIC = "csp.partnerships.events";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<UUID, Long> firstSeen = new ConcurrentHashMap<>();
    private final Map<UUID, Set<String>> eventIds = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    /** Enrolments of resellers. */
    TopicWatcher(String bootstrapServers) throws InterruptedException {
        this(bootstrapServers, "partnership.ResellerEnrolled.");
    }

    /** Events whose {@code ce_type} starts with {@code typePrefix}, each about the {@code resellerTenantId} it holds. */
    TopicWatcher(String bootstrapServers, String typePrefix) throws InterruptedException {
        KafkaConsumer<String, byte[]> consumer = fromNow(bootstrapServers, TOPIC);
        thread = new Thread(() -> {
            try (consumer) {
                while (running.get()) {
                    consumer.poll(Duration.ofMillis(50)).forEach(record -> {
                        long now = System.nanoTime();
                        String type = new String(record.headers().lastHeader("ce_type").value(),
                                StandardCharsets.UTF_8);
                        if (type.startsWith(typePrefix)) {
                            UUID reseller = UUID.fromString(read(record.value()).get("resellerTenantId").asText());
                            firstSeen.putIfAbsent(reseller, now);
                            eventIds.computeIfAbsent(reseller, r -> ConcurrentHashMap.newKeySet())
                                    .add(new String(record.headers().lastHeader("ce_id").value(),
                                            StandardCharsets.UTF_8));
                        }
                    });
                }
            }
        }, "topic-watcher");
        thread.start();
    }

    /**
     * A consumer of every partition of {@code topic} that reads what is committed from now on: its position is
     * fixed before this returns, so nothing sent afterwards is missed.
     */
    static KafkaConsumer<String, byte[]> fromNow(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", ByteArrayDeserializer.class.getName());
        props.put("isolation.level", "read_committed");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    boolean seenAll(Set<UUID> resellers) {
        return firstSeen.keySet().containsAll(resellers);
    }

    Set<String> eventIds(UUID reseller) {
        return eventIds.getOrDefault(reseller, Set.of());
    }

    /** The longest time in seconds from a 2xx answered after {@code since} to its event on the topic. */
    double slowest(Map<UUID, Long> answered, long since) {
        return answered.entrySet().stream().filter(e -> e.getValue() >= since)
                .mapToLong(e -> firstSeen.get(e.getKey()) - e.getValue())
                .max().orElseThrow() / 1e9;
    }

    /** An event record's JSON payload. */
    static JsonNode read(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }
}
