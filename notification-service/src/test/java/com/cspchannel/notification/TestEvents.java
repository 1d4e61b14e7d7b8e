package com.cspchannel.notification;

import com.cspchannel.events.CloudEventHeaders;
import com.cspchannel.events.EventCatalog;
import com.cspchannel.events.EventCodec;
import com.cspchannel.events.PublicEvent;
import com.cspchannel.infra.EventPublisher;
import com.cspchannel.infra.SharedInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Arrays;
import java.util.Properties;
import java.util.UUID;

/** Publishes events to the shared broker as the producing services' relays do: CloudEvents in binary mode. */
final class TestEvents {

    private TestEvents() {
    }

    /** Publishes each event {@code copies} times on its topic (more than once: a redelivery). */
    static void publish(int copies, PublicEvent... events) {
        try (EventPublisher publisher = new EventPublisher(SharedInfrastructure.kafkaBootstrapServers())) {
            for (PublicEvent event : events) {
                for (int i = 0; i < copies; i++) {
                    publisher.publish(keyOf(event), event);
                }
            }
        }
    }

    /**
     * Publishes each event as the relay publishes the moves of a bulk reassignment job: with the job's id in the
     * CloudEvents extension attribute {@code reassignmentjobid}.
     */
    static void publishInJob(UUID job, PublicEvent... events) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (PublicEvent event : events) {
                String key = keyOf(event);
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                        EventCatalog.topicOf(EventCatalog.of(event)), key, EventCodec.encode(event));
                CloudEventHeaders.of(event, EventCatalog.of(event).domain() + "-service", key)
                        .withReassignmentJobId(job.toString()).toKafkaHeaders()
                        .forEach((name, value) -> record.headers().add(name, value));
                producer.send(record);
            }
            producer.flush();
        }
    }

    static KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put("bootstrap.servers", SharedInfrastructure.kafkaBootstrapServers());
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    /**
     * The record key: the event's first id after {@code eventId} (the provider, reseller, customer, subscription
     * or order), so that events of one party or subscription stay in order on one partition, as the relay's
     * aggregate keys keep them.
     */
    private static String keyOf(PublicEvent event) {
        return Arrays.stream(event.getClass().getRecordComponents())
                .filter(c -> c.getType() == UUID.class && !c.getName().equals("eventId"))
                .findFirst().map(c -> {
                    try {
                        return c.getAccessor().invoke(event).toString();
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }).orElseThrow();
    }
}
