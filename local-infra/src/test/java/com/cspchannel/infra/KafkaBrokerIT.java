package com.cspchannel.infra;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The broker process the tests and the local stack start: it takes records, gives them back and keeps them. */
class KafkaBrokerIT {

    @Test
    void aStartedBrokerTakesARecordGivesItBackAndKeepsItAcrossACrash() throws Exception {
        KafkaBroker broker = KafkaBroker.onFreePorts();
        try {
            assertThat(broker.isRunning()).isFalse();
            broker.start();
            assertThat(broker.isRunning()).isTrue();
            assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
            broker.createTopics(List.of("local-infra.it"), 2, -1);

            try (KafkaProducer<String, byte[]> producer = producer(broker.bootstrapServers())) {
                producer.send(new ProducerRecord<>("local-infra.it", "key-1",
                        "hello".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
            }
            assertThat(readAll(broker, "local-infra.it")).extracting(ConsumerRecord::key).containsExactly("key-1");

            broker.kill();
            assertThat(broker.isRunning()).isFalse();
            assertThat(answers(broker)).as("nothing listens after the kill").isFalse();

            broker.start(); // the same ports and data
            List<ConsumerRecord<String, byte[]>> after = readAll(broker, "local-infra.it");
            assertThat(after).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("key-1");
                assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("hello");
            });
        } finally {
            broker.stop();
        }
        assertThat(broker.isRunning()).isFalse();
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    /** Reads the topic from the beginning in a new consumer group until a record arrives (or 30 s pass). */
    private static List<ConsumerRecord<String, byte[]>> readAll(KafkaBroker broker, String topic) {
        List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = SharedInfrastructure.plainConsumer(broker.bootstrapServers())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(30);
            while (read.isEmpty() && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500)).forEach(read::add);
            }
            // one more poll: a second copy, had the broker kept one, would be read too
            consumer.poll(Duration.ofMillis(500)).forEach(read::add);
        }
        return read;
    }

    private static boolean answers(KafkaBroker broker) {
        String[] hostPort = broker.bootstrapServers().split(":");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
