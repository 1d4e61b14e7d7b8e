package com.cspchannel.notification;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.cspchannel.events.CloudEventHeaders;
import com.cspchannel.events.EventCatalog;
import com.cspchannel.events.EventCodec;
import com.cspchannel.events.PublicEvent;
import com.cspchannel.events.Topics;
import com.cspchannel.events.customer.Address;
import com.cspchannel.events.customer.BillingProfile;
import com.cspchannel.events.customer.CompanyProfile;
import com.cspchannel.events.customer.CustomerCreated;
import com.cspchannel.events.partnership.ResellerEnrolled;
import com.cspchannel.infra.SharedInfrastructure;
import com.cspchannel.platform.consumer.DeadLetters;
import com.cspchannel.platform.test.ServiceIntegrationTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record the consumer can never apply, with the platform consumer's retries as the service ships them (no
 * {@code csp.consumer.retries} here, unlike {@link NotificationIntegrationTest}): it is tried the default number of
 * times, lands on {@code <topic>.<consumer>.dlt} with the reason, is counted in
 * {@code csp_consumer_dead_letters_total}, and the record behind it on the same partition is still applied.
 * (Its own consumer group and database, as {@link WithoutSmtpIT}: the other tests' service may be running in the
 * same JVM and reads the same topics. Only the backoff is shortened, which does not change the number of attempts.)
 */
@TestPropertySource(properties = {"csp.notification.consumer=" + DeadLetterIT.CONSUMER,
        "csp.consumer.initial-interval=100ms", "csp.consumer.max-interval=200ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DeadLetterIT extends ServiceIntegrationTest {

    static final String CONSUMER = "notification-dead-letters";
    static final Duration WAIT = Duration.ofSeconds(60);

    /** What the service logs, with the thread that logged it: the listener's threads are named after the consumer. */
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        logged.start();
        root().addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        root().detachAppender(logged);
        logged.stop();
    }

    @Test
    void aRecordItsHandlerCannotApplyIsTriedTheDefaultNumberOfTimesThenDeadLetteredAndTheNextOneIsApplied()
            throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID provider = UUID.randomUUID();
        UUID reseller = UUID.randomUUID();
        publish(Topics.PARTNERSHIPS, reseller.toString(), new ResellerEnrolled(UUID.randomUUID(), Instant.now(),
                reseller, "Fabrikam " + tag, "admin-" + tag + "@fabrikam.example", "DE", "Europe",
                List.of("5" + tag), "6" + tag, "de-DE"));
        double deadLettersBefore = deadLetters(Topics.CUSTOMERS);

        // A valid CloudEvent of a known type whose payload decodes but lacks the company profile: the handler
        // fails (a NullPointerException) every time, which is not one of the failures that skip the retries.
        UUID customer = UUID.randomUUID();
        CustomerCreated poison = customerCreated(provider, reseller, customer, tag);
        ObjectNode payload = (ObjectNode) EventCodec.mapper().readTree(EventCodec.encode(poison));
        payload.remove("companyProfile");
        RecordMetadata sent = send(Topics.CUSTOMERS, customer.toString(), poison,
                EventCodec.mapper().writeValueAsBytes(payload));
        // the next record of the same customer, on the same partition: it waits behind the poison record
        CustomerCreated good = customerCreated(provider, reseller, customer, tag);
        publish(Topics.CUSTOMERS, customer.toString(), good);

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(Topics.deadLetter(Topics.CUSTOMERS, CONSUMER),
                poison.eventId());
        assertThat(header(dead, DeadLetters.REASON_HEADER)).startsWith("NullPointerException")
                .contains("companyProfile");
        assertThat(dead.value()).isEqualTo(EventCodec.mapper().writeValueAsBytes(payload));

        await().atMost(WAIT).until(() -> consumed(good.eventId()));
        assertThat(consumed(poison.eventId())).as("the poison record applied nothing").isFalse();
        assertThat(jdbc.queryForObject("select count(*) from notification where event_id = ?", Long.class,
                good.eventId())).as("the record behind it notified its reseller").isEqualTo(1);

        // the first attempt and then exactly the platform's default number of retries (csp.consumer.retries=4)
        assertThat(retriesOf(sent)).as("retries before the dead letter").isEqualTo(4);
        await().atMost(WAIT).until(() -> deadLetters(Topics.CUSTOMERS) > deadLettersBefore);
        assertThat(deadLetters(Topics.CUSTOMERS)).isEqualTo(deadLettersBefore + 1);
    }

    @Test
    void aRecordWhosePayloadDoesNotDecodeForItsTypeIsDeadLetteredAtOnceWithoutRetries() throws Exception {
        UUID customer = UUID.randomUUID();
        CustomerCreated poison = customerCreated(UUID.randomUUID(), UUID.randomUUID(), customer, "x");
        double deadLettersBefore = deadLetters(Topics.CUSTOMERS);
        RecordMetadata sent = send(Topics.CUSTOMERS, customer.toString(), poison,
                "[\"not a CustomerCreated\"]".getBytes(StandardCharsets.UTF_8));
        CustomerCreated good = customerCreated(UUID.randomUUID(), null, customer, "y");
        publish(Topics.CUSTOMERS, customer.toString(), good);

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(Topics.deadLetter(Topics.CUSTOMERS, CONSUMER),
                poison.eventId());
        assertThat(header(dead, DeadLetters.REASON_HEADER)).startsWith("MismatchedInputException")
                .contains("CustomerCreated");
        await().atMost(WAIT).until(() -> consumed(good.eventId()));
        assertThat(retriesOf(sent)).as("a payload that cannot be read is never retried").isZero();
        await().atMost(WAIT).until(() -> deadLetters(Topics.CUSTOMERS) > deadLettersBefore);
        assertThat(deadLetters(Topics.CUSTOMERS)).isEqualTo(deadLettersBefore + 1);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private CustomerCreated customerCreated(UUID provider, UUID reseller, UUID customer, String tag) {
        return new CustomerCreated(UUID.randomUUID(), Instant.now(), customer, provider,
                new CompanyProfile("Wingtip Toys " + tag, "wingtip" + tag + ".onmicrosoft.com"),
                new BillingProfile("Jane", "Doe", "jane-" + tag + "@wingtip.example", "de-DE", "de",
                        "Wingtip Toys GmbH", new Address("Hauptstrasse 1", null, "Berlin", null, "10115", "DE")),
                reseller, "admin@wingtip" + tag + ".onmicrosoft.com", null, "user-1");
    }

    /** Sends {@code value} with the CloudEvents headers the relay would give {@code headersOf}; where it went. */
    private static RecordMetadata send(String topic, String key, PublicEvent headersOf, byte[] value)
            throws Exception {
        try (KafkaProducer<String, byte[]> producer = TestEvents.producer()) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
            CloudEventHeaders.of(headersOf, EventCatalog.of(headersOf).domain() + "-service", key).toKafkaHeaders()
                    .forEach((name, bytes) -> record.headers().add(name, bytes));
            return producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    private static ConsumerRecord<String, byte[]> awaitDeadLetter(String topic, UUID eventId) {
        List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     SharedInfrastructure.plainConsumer(SharedInfrastructure.kafkaBootstrapServers())) {
            consumer.subscribe(List.of(topic));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(read::add);
                return read.stream().anyMatch(r -> eventId.toString().equals(header(r, CloudEventHeaders.H_ID)));
            });
        }
        return read.stream().filter(r -> eventId.toString().equals(header(r, CloudEventHeaders.H_ID))).findFirst()
                .orElseThrow();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private boolean consumed(UUID eventId) {
        return jdbc.queryForObject("select count(*) from consumed_event where event_id = ?", Long.class, eventId) > 0;
    }

    /**
     * How often this consumer went back to the record to try it again: the container's error handler seeks the
     * partition back to the failed record once per retry, and the Kafka client logs each seek with the partition
     * and offset (the listener's threads are named after the consumer; the other tests' service may be retrying
     * the same record on its own threads).
     */
    private long retriesOf(RecordMetadata record) {
        String seek = "Seeking to offset " + record.offset() + " for partition " + record.topic() + "-"
                + record.partition();
        List<ILoggingEvent> events;
        synchronized (logged) { // the appender appends under this lock, from the service's threads
            events = new ArrayList<>(logged.list);
        }
        return events.stream()
                .filter(e -> e.getThreadName().startsWith(CONSUMER + "-") && e.getFormattedMessage().contains(seek))
                .count();
    }

    /** {@code csp_consumer_dead_letters_total} of one topic, as this service's metrics endpoint publishes it. */
    private double deadLetters(String topic) {
        var metrics = api.get("/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        return metrics.raw().lines()
                .filter(l -> l.startsWith("csp_consumer_dead_letters_total{") && l.contains("topic=\"" + topic + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
