package com.cspchannel.platform.relay;

import com.cspchannel.events.CloudEventHeaders;
import com.cspchannel.events.Topics;
import com.cspchannel.events.customer.ResellerAssociated;
import com.cspchannel.infra.SharedInfrastructure;
import com.cspchannel.platform.tracing.EventTracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bulk reassignment job's moves are ordinary events on Kafka; only the job id that their commands keep in the
 * event store's metadata tells them apart. The relay publishes it as the CloudEvents extension attribute
 * {@code reassignmentjobid}, on a real broker, and leaves it off every other event.
 */
class RelayReassignmentHeaderIT {

    private KafkaRelay relay;
    private KafkaConsumer<String, byte[]> consumer;

    @BeforeEach
    void relayAndReader() {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        relay = new KafkaRelay(new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config)), "customer-service",
                Duration.ofSeconds(20), new SimpleMeterRegistry());
        consumer = SharedInfrastructure.plainConsumer(SharedInfrastructure.kafkaBootstrapServers());
        consumer.subscribe(List.of(Topics.CUSTOMERS));
    }

    @AfterEach
    void close() {
        consumer.close();
        relay.destroy();
    }

    @Test
    void anEventOfAReassignmentJobCarriesTheJobIdAndAnOrdinaryEventDoesNot() {
        UUID job = UUID.randomUUID();
        ResellerAssociated moved = associated();
        ResellerAssociated single = associated();
        // a job's command keeps the id among the other metadata (trace context, Axon's correlation ids)
        publish(moved, MetaData.with(KafkaRelay.REASSIGNMENT_JOB_ID, job.toString())
                .and(EventTracing.TRACEPARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        publish(single, MetaData.with("correlationId", UUID.randomUUID().toString()));

        Map<String, ConsumerRecord<String, byte[]>> read = read(moved.eventId(), single.eventId());

        ConsumerRecord<String, byte[]> ofTheJob = read.get(moved.eventId().toString());
        assertThat(text(ofTheJob.headers().lastHeader("ce_reassignmentjobid"))).isEqualTo(job.toString());
        assertThat(CloudEventHeaders.fromKafkaHeaders(name -> value(ofTheJob, name)).reassignmentJobId())
                .as("a consumer sees it on the event's attributes").isEqualTo(job.toString());
        ConsumerRecord<String, byte[]> ordinary = read.get(single.eventId().toString());
        assertThat(ordinary.headers().headers("ce_reassignmentjobid")).as("no job, no attribute").isEmpty();
        assertThat(CloudEventHeaders.fromKafkaHeaders(name -> value(ordinary, name)).reassignmentJobId()).isNull();
    }

    private ResellerAssociated associated() {
        return new ResellerAssociated(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS),
                UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "user-1");
    }

    /** As the relay's processor does: the handler in a unit of work whose commit waits for the broker's ack. */
    private void publish(ResellerAssociated event, MetaData metaData) {
        GenericDomainEventMessage<ResellerAssociated> message = new GenericDomainEventMessage<>("Customer",
                event.customerId().toString(), 0, event, metaData);
        DefaultUnitOfWork.startAndGet(message).execute(() -> relay.on(event, message, CurrentUnitOfWork.get()));
    }

    private Map<String, ConsumerRecord<String, byte[]>> read(UUID... eventIds) {
        Map<String, ConsumerRecord<String, byte[]>> found = new HashMap<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                found.put(text(record.headers().lastHeader(CloudEventHeaders.H_ID)), record);
            }
            return List.of(eventIds).stream().allMatch(id -> found.containsKey(id.toString()));
        });
        return found;
    }

    private static byte[] value(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : header.value();
    }

    private static String text(Header header) {
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
