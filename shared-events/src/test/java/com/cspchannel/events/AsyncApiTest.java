package com.cspchannel.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The AsyncAPI document of the published events: {@code docs/asyncapi.json} is exactly what {@link AsyncApi}
 * generates, and the document says what the catalogue, the schemas and the CloudEvents mapping say. That the
 * official parser accepts it is {@link AsyncApiParserIT}'s.
 */
class AsyncApiTest {

    /** Where the document of every topic is kept, from this module's directory (Maven's working directory). */
    static final Path DOCS = Path.of("..", "docs", "asyncapi.json");
    static final String REGENERATE = "./mvnw -q -pl shared-events test -Dtest=AsyncApiTest -Dapprove=true";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void docsAsyncapiJsonIsWhatTheCatalogueAndTheSchemasGenerate() throws IOException {
        String generated = AsyncApi.render();
        if (Boolean.getBoolean("approve")) {
            Files.writeString(DOCS, generated, StandardCharsets.UTF_8);
            return;
        }
        String kept = Files.exists(DOCS) ? Files.readString(DOCS, StandardCharsets.UTF_8) : "";
        if (!kept.equals(generated)) {
            Path received = Path.of("target", "asyncapi.received.json");
            Files.createDirectories(received.getParent());
            Files.writeString(received, generated, StandardCharsets.UTF_8);
            fail("docs/asyncapi.json is generated from the event catalogue and the published JSON Schemas, never "
                    + "edited by hand, and it differs from what AsyncApi generates now (" + firstDifference(kept,
                    generated) + "; the generated document is in shared-events/" + received + "). Regenerate it "
                    + "from the repository's root with\n    " + REGENERATE + "\nand review the diff.");
        }
    }

    @Test
    void everyEventTypeIsAMessageOfItsTopicsChannelWithItsHeadersKeyAndPublishedSchema() throws IOException {
        ObjectNode document = AsyncApi.document();
        assertThat(document.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(names(document.path("channels"))).containsExactly("partnerships", "customers", "subscriptions");
        assertThat(names(document.path("components").path("messages")))
                .containsExactlyElementsOf(EventCatalog.all().stream().map(EventType::name).toList());
        for (EventType type : EventCatalog.all()) {
            String topic = EventCatalog.topicOf(type);
            String channel = AsyncApi.channel(topic);
            JsonNode message = document.path("components").path("messages").path(type.name());
            assertThat(document.path("channels").path(channel).path("address").asText()).isEqualTo(topic);
            assertThat(document.path("channels").path(channel).path("messages").path(type.name()).path("$ref")
                    .asText()).isEqualTo("#/components/messages/" + type.name());
            JsonNode operation = document.path("operations").path("publish-" + channel);
            assertThat(operation.path("action").asText()).isEqualTo("send");
            assertThat(operation.path("channel").path("$ref").asText()).isEqualTo("#/channels/" + channel);
            assertThat(operation.path("messages").findValuesAsText("$ref"))
                    .contains("#/channels/" + channel + "/messages/" + type.name());

            JsonNode headers = message.path("headers");
            assertThat(headers.path("properties").path("ce_type").path("const").asText()).isEqualTo(type.name());
            assertThat(headers.path("properties").path("ce_dataschema").path("const").asText())
                    .isEqualTo(type.schemaId());
            CloudEventHeaders sample = new CloudEventHeaders("id", "source", type.name(), java.time.Instant.EPOCH,
                    "subject");
            assertThat(names(headers.path("properties"))).as("every header the relay writes is described")
                    .containsAll(sample.toKafkaHeaders().keySet());
            List<String> required = new ArrayList<>();
            headers.path("required").forEach(name -> required.add(name.asText()));
            assertThat(required).containsExactlyElementsOf(sample.toKafkaHeaders().keySet());

            assertThat(message.path("payload").path("schemaFormat").asText())
                    .isEqualTo("application/schema+json;version=draft-07");
            assertThat(message.path("payload").path("schema")).isEqualTo(publishedSchema(type));
            assertThat(message.path("payload").path("schema").path("$id").asText()).isEqualTo(type.schemaId());
            assertThat(message.path("bindings").path("kafka").path("key").path("type").asText()).isEqualTo("string");
            assertThat(message.path("title").asText()).contains("version " + type.version());
        }
        assertThat(unresolvedReferences(document)).isEmpty();
    }

    @Test
    void aServicesDocumentHasOnlyItsOwnTopic() {
        for (String topic : AsyncApi.TOPICS) {
            ObjectNode document = AsyncApi.document(List.of(topic));
            String channel = AsyncApi.channel(topic);
            assertThat(names(document.path("channels"))).containsExactly(channel);
            assertThat(names(document.path("operations"))).containsExactly("publish-" + channel);
            assertThat(names(document.path("components").path("messages"))).isNotEmpty()
                    .allSatisfy(name -> assertThat(EventCatalog.topicOf(EventCatalog.byName(name).orElseThrow()))
                            .isEqualTo(topic));
            assertThat(document.path("components").path("messages"))
                    .hasSize((int) EventCatalog.all().stream().filter(t -> EventCatalog.topicOf(t).equals(topic))
                            .count());
            assertThat(document.path("id").asText()).isNotEqualTo(AsyncApi.document().path("id").asText());
            assertThat(document.path("info").path("title").asText()).contains(Topics.producer(topic));
            assertThat(unresolvedReferences(document)).isEmpty();
        }
        assertThatThrownBy(() -> AsyncApi.document(List.of("csp.unknown.events")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AsyncApi.document(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSchemaIsEmbeddedWithoutItsSchemaKeywordAndWithItsId() throws IOException {
        JsonNode schema = JSON.readTree("""
                {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "urn:x", "type": "object",
                 "properties": {"a": {"type": "array", "items": {"type": "string", "format": "uuid"}}},
                 "required": ["a"]}""");
        JsonNode embedded = AsyncApi.embeddable(schema, "x");
        assertThat(embedded.has("$schema")).isFalse();
        assertThat(embedded.path("$id").asText()).isEqualTo("urn:x");
        assertThat(embedded.path("properties")).isEqualTo(schema.path("properties"));
        assertThat(schema.has("$schema")).as("the published schema is left as it is").isTrue();
    }

    @Test
    void aSchemaWithAKeywordDraft07ReadsDifferentlyIsRefused() throws IOException {
        JsonNode defs = JSON.readTree("""
                {"type": "object", "properties": {"a": {"$ref": "#/$defs/a"}}, "$defs": {"a": {"type": "string"}}}""");
        assertThatThrownBy(() -> AsyncApi.embeddable(defs, "defs.schema.json"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("defs.schema.json").hasMessageContaining("/properties/a/$ref")
                .hasMessageContaining("/$defs");
        JsonNode tuple = JSON.readTree("""
                {"type": "array", "items": [{"type": "string"}], "prefixItems": [{"type": "string"}]}""");
        assertThatThrownBy(() -> AsyncApi.embeddable(tuple, "tuple"))
                .hasMessageContaining("/items").hasMessageContaining("/prefixItems");
    }

    @Test
    void everyTopicHasOneProducerWhoseNamePublishesIt() {
        for (String topic : AsyncApi.TOPICS) {
            assertThat(Topics.publishedBy(Topics.producer(topic))).contains(topic);
        }
        assertThat(Topics.publishedBy("notification-service")).isEmpty();
        assertThat(EventCatalog.all()).allSatisfy(type ->
                assertThat(AsyncApi.TOPICS).contains(EventCatalog.topicOf(type)));
    }

    private static JsonNode publishedSchema(EventType type) throws IOException {
        try (InputStream in = AsyncApiTest.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
            ObjectNode schema = (ObjectNode) JSON.readTree(in);
            schema.remove("$schema");
            return schema;
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Every local {@code $ref} that points nowhere in the document. */
    static List<String> unresolvedReferences(JsonNode document) {
        List<String> unresolved = new ArrayList<>();
        collectReferences(document, document, unresolved);
        return unresolved;
    }

    private static void collectReferences(JsonNode node, JsonNode document, List<String> unresolved) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
                    String ref = field.getValue().asText();
                    if (!ref.startsWith("#/") || document.at(ref.substring(1)).isMissingNode()) {
                        unresolved.add(ref);
                    }
                } else {
                    collectReferences(field.getValue(), document, unresolved);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> collectReferences(element, document, unresolved));
        }
    }

    private static String firstDifference(String kept, String generated) {
        if (kept.isEmpty()) {
            return "it is missing or empty";
        }
        String[] keptLines = kept.split("\n", -1);
        String[] generatedLines = generated.split("\n", -1);
        for (int i = 0; i < Math.min(keptLines.length, generatedLines.length); i++) {
            if (!keptLines[i].equals(generatedLines[i])) {
                return "first at line " + (i + 1) + ", kept `" + keptLines[i].strip() + "`, generated `"
                        + generatedLines[i].strip() + "`";
            }
        }
        return "it has " + keptLines.length + " lines, the generated one " + generatedLines.length;
    }
}
