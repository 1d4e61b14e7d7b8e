package com.cspchannel.platform.consumer;

import com.cspchannel.events.CloudEventHeaders;
import com.cspchannel.events.EventCodec;
import com.cspchannel.events.Topics;
import com.cspchannel.events.partnership.ProgramStatus;
import com.cspchannel.events.partnership.ResellerComplianceChanged;
import com.cspchannel.infra.DevTokens;
import com.cspchannel.infra.SharedInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A view fed from a real broker: redelivered events change nothing, an event the view cannot apply is retried
 * a bounded number of times and then goes to the dead-letter topic with the reason, and the partition moves on.
 */
@SpringBootTest(classes = ConsumerTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"csp.relay.enabled=false", "csp.consumer.retries=2", "csp.consumer.initial-interval=100ms",
                "spring.application.name=consumer-test"})
// the first test counts every event id the view recorded, so it runs before the others
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventConsumerIT {

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SharedInfrastructure.freshDatabaseProperties("platform_consumer_it")
                .forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.kafka.bootstrap-servers", SharedInfrastructure::kafkaBootstrapServers);
        registry.add("csp.security.dev-secret", () -> DevTokens.DEV_SECRET);
    }

    @Test
    @Order(1)
    void aRedeliveredEventIsAppliedOnceAndAPoisonEventGoesToTheDeadLetterTopicWithoutBlockingOthers() {
        UUID reseller = UUID.randomUUID();
        UUID poisoned = UUID.randomUUID();
        UUID later = UUID.randomUUID();
        ResellerComplianceChanged event = compliance(reseller, "Europe");
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(record(event));
            producer.send(record(event));
            producer.send(record(event));
            // a second, distinct event of the same aggregate: same partition, after the three copies
            producer.send(record(compliance(reseller, "North America")));
            producer.send(record(compliance(poisoned, ConsumerTestApplication.ResellerViewListener.POISON_REGION)));
            producer.send(record(compliance(later, "Europe")));
            producer.send(notACloudEvent(later));
            producer.flush();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> applied(later) == 1 && applied(reseller) >= 2);
        assertThat(applied(reseller)).as("three deliveries of one event applied once, then the next event")
                .isEqualTo(2);
        assertThat(applied(poisoned)).as("the failed update rolled back with its event id").isZero();

        List<ConsumerRecord<String, byte[]>> deadLetters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     SharedInfrastructure.plainConsumer(SharedInfrastructure.kafkaBootstrapServers())) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.PARTNERSHIPS, "test-view")));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(deadLetters::add);
                return deadLetters.stream().anyMatch(r -> poisoned.toString().equals(r.key()))
                        && deadLetters.stream().anyMatch(r -> ("bad-" + later).equals(r.key()));
            });
        }
        ConsumerRecord<String, byte[]> poison = deadLetters.stream()
                .filter(r -> poisoned.toString().equals(r.key())).findFirst().orElseThrow();
        assertThat(header(poison, DeadLetters.REASON_HEADER)).contains("cannot apply region poison");
        assertThat(header(poison, "ce_id")).isNotNull();
        assertThat(poison.headers().lastHeader("kafka_dlt-exception-stacktrace")).isNull();
        ConsumerRecord<String, byte[]> garbage = deadLetters.stream()
                .filter(r -> ("bad-" + later).equals(r.key())).findFirst().orElseThrow();
        assertThat(header(garbage, DeadLetters.REASON_HEADER)).contains("missing header ce_specversion");
        assertThat(jdbc.queryForObject("select count(*) from consumed_event where consumer = 'test-view'", Long.class))
                .isEqualTo(3);
    }

    @Test
    @Order(2)
    void aPollIsAppliedInOneTransactionNotOnePerRecord() {
        List<ResellerComplianceChanged> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            events.add(compliance(UUID.randomUUID(), "Europe"));
        }
        try (KafkaProducer<String, byte[]> producer = producer()) {
            events.forEach(event -> producer.send(record(event)));
            producer.flush();
        }
        String ids = events.stream().map(e -> "'" + e.eventId() + "'").collect(Collectors.joining(","));
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select count(*) from consumed_event where consumer = 'test-view' and event_id in (" + ids + ")",
                Long.class) == 100);
        assertThat(events).allSatisfy(event -> assertThat(applied(event.resellerTenantId())).isEqualTo(1));
        // the transaction that wrote a row (xmin): records that arrived together share one commit
        Long transactions = jdbc.queryForObject("select count(distinct xmin::text) from consumed_event"
                + " where consumer = 'test-view' and event_id in (" + ids + ")", Long.class);
        assertThat(transactions).as("transactions for 100 records sent at once").isLessThanOrEqualTo(20);
    }

    private int applied(UUID reseller) {
        return jdbc.query("select applied_count from test_reseller_view where reseller_tenant_id = ?",
                rs -> rs.next() ? rs.getInt(1) : 0, reseller);
    }

    private static ResellerComplianceChanged compliance(UUID reseller, String region) {
        return new ResellerComplianceChanged(UUID.randomUUID(), Instant.now(), reseller, List.of(region),
                ProgramStatus.ACTIVE);
    }

    private static ProducerRecord<String, byte[]> record(ResellerComplianceChanged event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.PARTNERSHIPS,
                event.resellerTenantId().toString(), EventCodec.encode(event));
        CloudEventHeaders.of(event, "test", event.resellerTenantId().toString()).toKafkaHeaders()
                .forEach((name, value) -> record.headers().add(name, value));
        return record;
    }

    private static ProducerRecord<String, byte[]> notACloudEvent(UUID reseller) {
        return new ProducerRecord<>(Topics.PARTNERSHIPS, "bad-" + reseller, "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

}
