package com.cspchannel.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What consumers outside the project see: a plain Kafka consumer (no project code) reads every topic and checks
 * each record's CloudEvents headers and its JSON against the published schema of its type.
 */
class PublishedEventsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SystemStack stack = SystemStack.get();

    @Test
    void everyRecordOnEveryTopicIsACloudEventWhoseDataMatchesItsPublishedSchema() throws IOException {
        new SeedWalkthroughIT().walkthrough();

        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.bootstrapServers());
        props.put("group.id", "schema-check-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(SystemStack.TOPICS);
            Set<String> topicsSeen = new HashSet<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    records.add(record);
                    topicsSeen.add(record.topic());
                });
                return topicsSeen.containsAll(SystemStack.TOPICS);
            });
            // drain what is there
            for (int empty = 0; empty < 3; ) {
                var batch = consumer.poll(Duration.ofMillis(500));
                empty = batch.isEmpty() ? empty + 1 : 0;
                batch.forEach(records::add);
            }
        }
        assertThat(records).hasSizeGreaterThan(15);

        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        Map<String, JsonSchema> schemas = new HashMap<>();
        Set<String> types = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            String type = header(record, "ce_type");
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_id")).isNotBlank();
            assertThat(header(record, "ce_source")).endsWith("-service");
            assertThat(Instant.parse(header(record, "ce_time"))).isBefore(Instant.now().plusSeconds(5));
            assertThat(header(record, "ce_subject")).isEqualTo(record.key());
            assertThat(header(record, "content-type")).isEqualTo("application/json");
            assertThat(header(record, "ce_dataschema")).isEqualTo("urn:csp-channel:schema:" + type);
            assertThat(record.topic()).isEqualTo("csp." + type.substring(0, type.indexOf('.')) + "s.events");
            JsonSchema schema = schemas.computeIfAbsent(type, t -> load(factory, t));
            JsonNode data = JSON.readTree(record.value());
            assertThat(schema.validate(data)).as(type + " " + data).isEmpty();
            assertThat(data.get("eventId").asText()).isEqualTo(header(record, "ce_id"));
            types.add(type);
        }
        assertThat(types).contains("partnership.PartnershipAccepted.v1", "partnership.PartnershipRemoved.v1",
                "customer.CustomerCreated.v1", "customer.DelegatedAdminGranted.v1", "subscription.OrderPlaced.v1",
                "subscription.SubscriptionCreated.v1", "subscription.ResellerOfRecordChanged.v1",
                "subscription.SupportContactDesignated.v1");
    }

    private static JsonSchema load(JsonSchemaFactory factory, String type) {
        try (InputStream in = PublishedEventsIT.class.getClassLoader()
                .getResourceAsStream("schemas/" + type + ".schema.json")) {
            assertThat(in).as("a published schema for " + type).isNotNull();
            return factory.getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
