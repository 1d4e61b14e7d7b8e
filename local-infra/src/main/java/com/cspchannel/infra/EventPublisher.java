package com.cspchannel.infra;

import com.cspchannel.events.CloudEventHeaders;
import com.cspchannel.events.EventCatalog;
import com.cspchannel.events.EventCodec;
import com.cspchannel.events.PublicEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Properties;

/**
 * Publishes public events the way the producing services' relays do (CloudEvents in binary mode, the record key
 * as subject, the topic of the event's domain), so that a test can play another service.
 */
public final class EventPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public EventPublisher(String bootstrapServers) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(props);
    }

    /** Publishes on the topic of the event's domain and waits until the broker has it. */
    public void publish(String key, PublicEvent event) {
        publish(EventCatalog.topicOf(EventCatalog.of(event)), key, event);
    }

    public void publish(String topic, String key, PublicEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, EventCodec.encode(event));
        CloudEventHeaders.of(event, EventCatalog.of(event).domain() + "-service", key).toKafkaHeaders()
                .forEach((name, value) -> record.headers().add(name, value));
        producer.send(record);
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
