package com.cspchannel.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventContractTest {

    private static final ObjectMapper PRETTY = EventCodec.mapper().copy()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    private static final SchemaGenerator SCHEMAS = schemaGenerator();

    private static SchemaGenerator schemaGenerator() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON)
                .with(new JacksonModule(JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY))
                .with(Option.EXTRA_OPEN_API_FORMAT_VALUES)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        config.forFields().withRequiredCheck(field -> recordComponentNotOptional(
                field.getDeclaringType().getErasedType(), field.getName()));
        return new SchemaGenerator(config.build());
    }

    private static boolean recordComponentNotOptional(Class<?> type, String name) {
        if (!type.isRecord()) {
            return true;
        }
        for (var component : type.getRecordComponents()) {
            if (component.getName().equals(name)) {
                return !component.isAnnotationPresent(OptionalField.class);
            }
        }
        return true;
    }

    @Test
    void everyRegisteredEventTypeHasASample() {
        assertThat(ContractSamples.all().stream().map(e -> EventCatalog.of(e).name()))
                .containsExactlyInAnyOrderElementsOf(EventCatalog.all().stream().map(EventType::name).toList());
    }

    @TestFactory
    Stream<DynamicTest> theJsonOfEveryEventTypeIsPinned() {
        return ContractSamples.all().stream().map(event -> DynamicTest.dynamicTest(EventCatalog.of(event).name(), () ->
                Approvals.verify(Path.of("src/test/resources/approved", EventCatalog.of(event).name() + ".json"),
                        PRETTY.writeValueAsString(PRETTY.readTree(EventCodec.encode(event))))));
    }

    @TestFactory
    Stream<DynamicTest> thePublishedSchemaOfEveryEventTypeMatchesTheRecords() {
        return EventCatalog.all().stream().map(type -> DynamicTest.dynamicTest(type.name(), () -> {
            JsonNode schema = SCHEMAS.generateSchema(type.javaType());
            ((com.fasterxml.jackson.databind.node.ObjectNode) schema).put("$id", type.schemaId());
            ((com.fasterxml.jackson.databind.node.ObjectNode) schema).put("title", type.name());
            Approvals.verify(Path.of("src/main/resources", type.schemaResource()), PRETTY.writeValueAsString(schema));
        }));
    }

    @TestFactory
    Stream<DynamicTest> everySampleIsValidAgainstItsPublishedSchema() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        return ContractSamples.all().stream().map(event -> DynamicTest.dynamicTest(EventCatalog.of(event).name(), () -> {
            EventType type = EventCatalog.of(event);
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(type.schemaResource())) {
                assertThat(in).as("schema resource " + type.schemaResource()).isNotNull();
                JsonSchema schema = factory.getSchema(in);
                Set<ValidationMessage> errors = schema.validate(EventCodec.mapper().readTree(EventCodec.encode(event)));
                assertThat(errors).isEmpty();
            }
        }));
    }

    /**
     * An independent check of the two above, which compare the records with files generated from the same
     * records: {@code src/test/resources/stored} holds JSON as earlier releases stored it in event stores and
     * on topics (frozen, never regenerated). Each must still decode, and, re-encoded, be valid against today's
     * schema, so that replaying an old event store or an old topic keeps working.
     */
    @TestFactory
    Stream<DynamicTest> jsonStoredByEarlierReleasesStillDecodesAndMeetsTodaysSchema() throws Exception {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        try (Stream<Path> files = java.nio.file.Files.list(Path.of("src/test/resources/stored"))) {
            List<Path> stored = files.sorted().toList();
            assertThat(stored).hasSizeGreaterThanOrEqualTo(EventCatalog.all().size());
            return stored.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                String name = file.getFileName().toString().replaceFirst("\\.json$", "");
                EventType type = EventCatalog.byName(name).orElseThrow();
                PublicEvent event = EventCodec.decode(name, java.nio.file.Files.readAllBytes(file));
                JsonNode storedJson = EventCodec.mapper().readTree(file.toFile());
                // nothing stored is lost on the way: re-encoded, it is the stored JSON under today's field names
                assertThat(EventCodec.mapper().readTree(EventCodec.encode(event)))
                        .isEqualTo(renamed(storedJson.deepCopy()));
                try (InputStream in = getClass().getClassLoader().getResourceAsStream(type.schemaResource())) {
                    JsonSchema schema = factory.getSchema(in);
                    assertThat(schema.validate(EventCodec.mapper().readTree(EventCodec.encode(event)))).isEmpty();
                }
            }));
        }
    }

    /** Fields renamed since a release stored them: the old name, read through an alias, and today's. */
    private static final java.util.Map<String, String> RENAMED = java.util.Map.of("lineNumber", "lineItemNumber");

    private static JsonNode renamed(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            List<String> fields = new java.util.ArrayList<>();
            object.fieldNames().forEachRemaining(fields::add);
            for (String field : fields) {
                JsonNode value = renamed(object.get(field));
                if (RENAMED.containsKey(field)) {
                    object.remove(field);
                    object.set(RENAMED.get(field), value);
                } else {
                    object.set(field, value);
                }
            }
        } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, renamed(array.get(i)));
            }
        }
        return node;
    }

    @Test
    void anOrderLineStoredAsLineNumberIsReadAsLineItemNumber() throws Exception {
        PublicEvent event = EventCodec.decode("subscription.OrderPlaced.v1", java.nio.file.Files.readAllBytes(
                Path.of("src/test/resources/stored/subscription.OrderPlaced.v1.json")));
        assertThat(((com.cspchannel.events.subscription.OrderPlaced) event).lineItems())
                .extracting(com.cspchannel.events.customer.OrderLine::lineItemNumber).containsExactly(1);
        assertThat(new String(EventCodec.encode(event))).contains("\"lineItemNumber\":1").doesNotContain("lineNumber");
    }

    @Test
    void aSchemaRejectsAnEventWithoutItsRequiredFields() throws Exception {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        EventType type = EventCatalog.byName("partnership.PartnershipRemoved.v1").orElseThrow();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(type.schemaResource())) {
            JsonSchema schema = factory.getSchema(in);
            JsonNode withoutAttestation = EventCodec.mapper().readTree("""
                    {"eventId":"6f1c1b0e-3a52-4c1a-9d43-0e2f7f0b9a01","occurredAt":"2026-03-01T09:30:00Z",
                     "providerTenantId":"1b2f4d7e-0000-4000-8000-00000000aa01",
                     "resellerTenantId":"2c3a5e8f-0000-4000-8000-00000000bb02","removedBy":"u","reason":"r"}""");
            assertThat(schema.validate(withoutAttestation))
                    .extracting(ValidationMessage::getMessage)
                    .anySatisfy(message -> assertThat(message).contains("goodFaithAttestation"));
        }
    }

    @TestFactory
    Stream<DynamicTest> everyEventSurvivesTheCodecUnchanged() {
        return ContractSamples.all().stream().map(event -> DynamicTest.dynamicTest(EventCatalog.of(event).name(), () ->
                assertThat(EventCodec.decode(EventCatalog.of(event).name(), EventCodec.encode(event))).isEqualTo(event)));
    }

    @Test
    void decodingAnUnknownTypeFailsWithTheTypeName() {
        assertThatThrownBy(() -> EventCodec.decode("partnership.Nope.v1", "{}".getBytes()))
                .isInstanceOf(EventCodec.UnknownEventTypeException.class)
                .hasMessageContaining("partnership.Nope.v1");
    }

    @Test
    void readersIgnoreFieldsAddedByANewerProducer() {
        String json = """
                {"eventId":"6f1c1b0e-3a52-4c1a-9d43-0e2f7f0b9a01","occurredAt":"2026-03-01T09:30:00Z",
                 "providerTenantId":"1b2f4d7e-0000-4000-8000-00000000aa01",
                 "resellerTenantId":"2c3a5e8f-0000-4000-8000-00000000bb02",
                 "invitationId":"3d4b6f90-0000-4000-8000-00000000cc03","acceptedBy":"a","cspRegion":"Europe",
                 "someFutureField":42}""";
        PublicEvent event = EventCodec.decode("partnership.PartnershipAccepted.v1", json.getBytes());
        assertThat(event.eventId()).isEqualTo(UUID.fromString("6f1c1b0e-3a52-4c1a-9d43-0e2f7f0b9a01"));
    }

    @Test
    void cloudEventHeadersCarryTheEventIdTypeSubjectAndTimeAndReadBack() {
        PublicEvent event = ContractSamples.all().get(6);
        CloudEventHeaders headers = CloudEventHeaders.of(event, "partnership-service", "provider:reseller");
        var kafkaHeaders = headers.toKafkaHeaders();
        assertThat(new String(kafkaHeaders.get("ce_type"))).isEqualTo("partnership.PartnershipAccepted.v1");
        assertThat(new String(kafkaHeaders.get("ce_id"))).isEqualTo(event.eventId().toString());
        assertThat(new String(kafkaHeaders.get("ce_specversion"))).isEqualTo("1.0");
        assertThat(new String(kafkaHeaders.get("content-type"))).isEqualTo("application/json");
        assertThat(CloudEventHeaders.fromKafkaHeaders(kafkaHeaders::get)).isEqualTo(headers);
    }

    @Test
    void theReassignmentJobIdIsAnOptionalExtensionAttributeThatReadsBack() {
        PublicEvent event = ContractSamples.all().get(0);
        var plain = CloudEventHeaders.of(event, "customer-service", "customer").toKafkaHeaders();
        assertThat(plain).doesNotContainKey("ce_reassignmentjobid");
        assertThat(CloudEventHeaders.fromKafkaHeaders(plain::get).reassignmentJobId()).isNull();

        String job = UUID.randomUUID().toString();
        var ofAJob = CloudEventHeaders.of(event, "customer-service", "customer").withReassignmentJobId(job)
                .toKafkaHeaders();
        assertThat(new String(ofAJob.get("ce_reassignmentjobid"))).isEqualTo(job);
        assertThat(CloudEventHeaders.fromKafkaHeaders(ofAJob::get).reassignmentJobId()).isEqualTo(job);
    }

    @Test
    void headersWithAnotherSpecVersionAreRefused() {
        var kafkaHeaders = CloudEventHeaders.of(ContractSamples.all().get(0), "s", "x").toKafkaHeaders();
        kafkaHeaders.put("ce_specversion", "0.3".getBytes());
        assertThatThrownBy(() -> CloudEventHeaders.fromKafkaHeaders(kafkaHeaders::get))
                .hasMessageContaining("spec version");
    }

    @Test
    void everyEventTypeIsPublishedOnItsServicesTopic() {
        assertThat(EventCatalog.all()).allSatisfy(type -> assertThat(EventCatalog.topicOf(type))
                .isEqualTo(switch (type.domain()) {
                    case "partnership" -> Topics.PARTNERSHIPS;
                    case "customer" -> Topics.CUSTOMERS;
                    default -> Topics.SUBSCRIPTIONS;
                }));
        assertThat(Topics.deadLetter(Topics.CUSTOMERS, "subscription-service"))
                .isEqualTo("csp.customers.events.subscription-service.dlt");
    }
}
