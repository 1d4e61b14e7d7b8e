package com.cspchannel.events;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The AsyncAPI 3.0 document of the published events, generated from the {@link EventCatalog} and the published
 * JSON Schemas, never written by hand: one channel per topic, one message per event type and version with its
 * CloudEvents headers, record key and payload schema, and one send operation per topic (the services are the
 * senders). {@code docs/asyncapi.json} is this document for all three topics; each producing service serves the
 * one of its own topic.
 */
public final class AsyncApi {

    public static final String VERSION = "3.0.0";
    /** The version of the event contract as a whole; each event type carries its own (…v1) in its name. */
    public static final String CONTRACT_VERSION = "1.0.0";
    /** The topics in the document of every topic, in this order. */
    public static final List<String> TOPICS = List.of(Topics.PARTNERSHIPS, Topics.CUSTOMERS, Topics.SUBSCRIPTIONS);
    /**
     * The dialect the payload schemas are declared in. They are generated as JSON Schema 2020-12 but use only
     * keywords that mean the same in draft-07 ({@link #DRAFT_07_KEYWORDS}, checked for every schema), and draft-07
     * is the one dialect every AsyncAPI tool reads.
     */
    static final String SCHEMA_FORMAT = "application/schema+json;version=draft-07";
    /** Keywords that mean the same in draft-07 and 2020-12; a payload schema with any other is refused. */
    static final Set<String> DRAFT_07_KEYWORDS = Set.of("$id", "title", "description", "type", "format", "enum",
            "const", "default", "examples", "properties", "required", "additionalProperties", "items", "minimum",
            "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "pattern",
            "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties", "allOf", "anyOf", "oneOf", "not");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> CHANNEL_BY_TOPIC = Map.of(
            Topics.PARTNERSHIPS, "partnerships",
            Topics.CUSTOMERS, "customers",
            Topics.SUBSCRIPTIONS, "subscriptions");

    private AsyncApi() {
    }

    /** The document of every topic: {@code docs/asyncapi.json}. */
    public static ObjectNode document() {
        return document(TOPICS);
    }

    /** The document of these topics only, in this order: a producing service serves the one of its own topic. */
    public static ObjectNode document(Collection<String> topics) {
        if (topics.isEmpty() || new LinkedHashSet<>(topics).size() != topics.size()) {
            throw new IllegalArgumentException("one or more distinct topics: " + topics);
        }
        topics.forEach(AsyncApi::channel);
        boolean all = topics.size() == TOPICS.size();
        ObjectNode document = JSON.createObjectNode();
        document.put("asyncapi", VERSION);
        document.put("id", all ? "urn:csp-channel:events" : "urn:csp-channel:events:" + String.join(",", topics));
        ObjectNode info = document.putObject("info");
        info.put("title", all ? "CSP Channel events"
                : "CSP Channel events of " + String.join(", ", topics.stream().map(Topics::producer).toList()));
        info.put("version", CONTRACT_VERSION);
        info.put("description", "Domain events of CSP Channel's services, published to Kafka as CloudEvents 1.0 in "
                + "binary content mode: the attributes are record headers (ce_*), the data is the record value "
                + "(JSON). The record key is the id of the aggregate that recorded the event, so one aggregate's "
                + "events share a partition and keep their order. Events are delivered at least once: consumers "
                + "de-duplicate by ce_id. A new version of an event type is a new type name (…v2) on the same "
                + "topic; fields may be added within a version, and readers ignore fields they do not know. "
                + "Generated from the event catalogue and the published JSON Schemas (shared-events).");
        ObjectNode license = info.putObject("license");
        license.put("name", "Apache-2.0");
        license.put("url", "https://www.apache.org/licenses/LICENSE-2.0");
        document.put("defaultContentType", CloudEventHeaders.CONTENT_TYPE);
        ObjectNode server = document.putObject("servers").putObject("kafka");
        server.put("host", "{bootstrap}");
        server.put("protocol", "kafka");
        server.put("description", "The deployment's Kafka brokers (KAFKA_BOOTSTRAP_SERVERS)");
        ObjectNode bootstrap = server.putObject("variables").putObject("bootstrap");
        bootstrap.put("default", "127.0.0.1:9092");
        bootstrap.put("description", "host:port of a broker");

        ObjectNode channels = document.putObject("channels");
        ObjectNode operations = document.putObject("operations");
        ObjectNode messages = JSON.createObjectNode();
        for (String topic : topics) {
            String channelName = channel(topic);
            String producer = Topics.producer(topic);
            ObjectNode channel = channels.putObject(channelName);
            channel.put("address", topic);
            channel.put("title", topic);
            channel.put("description", "The events of " + producer + ", published by its relay from its event "
                    + "store. Dead letters of a consumer group go to " + Topics.deadLetter(topic, "<consumer-group>")
                    + ".");
            ObjectNode channelMessages = channel.putObject("messages");
            ObjectNode operation = operations.putObject("publish-" + channelName);
            operation.put("action", "send");
            operation.put("title", producer + " publishes its events");
            operation.put("description", "Each event " + producer + " records is published once it is committed "
                    + "to its event store, in the order of its aggregate (at least once).");
            operation.putObject("channel").put("$ref", "#/channels/" + channelName);
            ArrayNode operationMessages = operation.putArray("messages");
            for (EventType type : EventCatalog.all()) {
                if (!EventCatalog.topicOf(type).equals(topic)) {
                    continue;
                }
                String key = messageKey(type);
                channelMessages.putObject(key).put("$ref", "#/components/messages/" + key);
                operationMessages.addObject().put("$ref", "#/channels/" + channelName + "/messages/" + key);
                messages.set(key, message(type, topic));
            }
        }
        document.putObject("components").set("messages", messages);
        return document;
    }

    /** The channel id of a topic in the document. */
    public static String channel(String topic) {
        String channel = CHANNEL_BY_TOPIC.get(topic);
        if (channel == null) {
            throw new IllegalArgumentException("not a topic of the catalogue: " + topic);
        }
        return channel;
    }

    /** The message id of an event type (its published name: a type name is what a consumer switches on). */
    public static String messageKey(EventType type) {
        return type.name();
    }

    private static ObjectNode message(EventType type, String topic) {
        ObjectNode message = JSON.createObjectNode();
        message.put("name", type.name());
        message.put("title", type.javaType().getSimpleName() + " (version " + type.version() + ")");
        message.put("summary", "ce_type " + type.name() + " on " + topic + ": " + type.javaType().getSimpleName()
                + ", version " + type.version());
        message.put("contentType", CloudEventHeaders.CONTENT_TYPE);
        message.set("headers", headers(type, topic));
        ObjectNode payload = message.putObject("payload");
        payload.put("schemaFormat", SCHEMA_FORMAT);
        payload.set("schema", embeddable(schema(type), type.schemaResource()));
        ObjectNode kafka = message.putObject("bindings").putObject("kafka");
        ObjectNode key = kafka.putObject("key");
        key.put("type", "string");
        key.put("description", "The id of the aggregate that recorded the event (also ce_subject)");
        kafka.put("bindingVersion", "0.5.0");
        return message;
    }

    private static ObjectNode headers(EventType type, String topic) {
        ObjectNode headers = JSON.createObjectNode();
        headers.put("type", "object");
        ObjectNode properties = headers.putObject("properties");
        header(properties, CloudEventHeaders.H_SPEC_VERSION, "CloudEvents spec version").put("const",
                CloudEventHeaders.SPEC_VERSION);
        header(properties, CloudEventHeaders.H_ID, "The event id, unique across topics: de-duplicate by it")
                .put("format", "uuid");
        header(properties, CloudEventHeaders.H_SOURCE, "The producing service (csp.relay.source, by default its "
                + "spring.application.name)").putArray("examples").add(Topics.producer(topic));
        header(properties, CloudEventHeaders.H_TYPE, "The event type and version").put("const", type.name());
        header(properties, CloudEventHeaders.H_TIME, "When the event occurred (also the record's timestamp)")
                .put("format", "date-time");
        header(properties, CloudEventHeaders.H_SUBJECT, "The aggregate id: the record key");
        header(properties, CloudEventHeaders.H_DATA_SCHEMA, "The $id of the payload's JSON Schema").put("const",
                type.schemaId());
        header(properties, CloudEventHeaders.H_CONTENT_TYPE, "The payload's media type").put("const",
                CloudEventHeaders.CONTENT_TYPE);
        header(properties, "traceparent", "W3C Trace Context, when the event was recorded in a traced request");
        header(properties, CloudEventHeaders.H_REASSIGNMENT_JOB_ID, "CloudEvents extension attribute: the bulk "
                + "reassignment job (jobId of partnership.ReassignmentStarted.v1) whose move recorded this event; "
                + "absent when the event is not part of a job. A job's moves are the ordinary events of each change, "
                + "so this is how a consumer tells them apart (e.g. to notify once per job, from "
                + "partnership.ReassignmentCompleted.v1, instead of once per item)").put("format", "uuid");
        ArrayNode required = headers.putArray("required");
        List.of(CloudEventHeaders.H_SPEC_VERSION, CloudEventHeaders.H_ID, CloudEventHeaders.H_SOURCE,
                CloudEventHeaders.H_TYPE, CloudEventHeaders.H_TIME, CloudEventHeaders.H_SUBJECT,
                CloudEventHeaders.H_DATA_SCHEMA, CloudEventHeaders.H_CONTENT_TYPE).forEach(required::add);
        return headers;
    }

    private static ObjectNode header(ObjectNode properties, String name, String description) {
        ObjectNode header = properties.putObject(name);
        header.put("type", "string");
        header.put("description", description);
        return header;
    }

    /** The event type's published JSON Schema, as it is in {@code schemas/}. */
    private static JsonNode schema(EventType type) {
        try (InputStream in = AsyncApi.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
            if (in == null) {
                throw new IllegalStateException("no published schema " + type.schemaResource());
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + type.schemaResource(), e);
        }
    }

    /**
     * A published schema as the payload of a message declared {@link #SCHEMA_FORMAT}: without {@code $schema} (the
     * message's schemaFormat names the dialect, and a 2020-12 {@code $schema} would contradict it), its
     * {@code $id} kept (it is the ce_dataschema a reader sees). Refused when it uses a keyword outside
     * {@link #DRAFT_07_KEYWORDS}, where the declared dialect would read it differently.
     *
     * @throws IllegalStateException naming the keywords and where they are
     */
    static JsonNode embeddable(JsonNode schema, String name) {
        JsonNode copy = schema.deepCopy();
        if (copy instanceof ObjectNode object) {
            object.remove("$schema");
        }
        List<String> foreign = new ArrayList<>();
        collectForeignKeywords(copy, "", foreign);
        if (!foreign.isEmpty()) {
            throw new IllegalStateException(name + " uses keywords that draft-07 reads differently or not at all, "
                    + "so it cannot be declared " + SCHEMA_FORMAT + ": " + foreign);
        }
        return copy;
    }

    private static void collectForeignKeywords(JsonNode schema, String path, List<String> foreign) {
        if (!schema.isObject()) {
            if (!schema.isBoolean()) {
                foreign.add(path + " (not a schema: " + schema.getNodeType() + ")");
            }
            return;
        }
        for (Map.Entry<String, JsonNode> field : schema.properties()) {
            String keyword = field.getKey();
            JsonNode value = field.getValue();
            String at = path + "/" + keyword;
            if (!DRAFT_07_KEYWORDS.contains(keyword)) {
                foreign.add(at);
                continue;
            }
            switch (keyword) {
                case "properties" -> value.properties().forEach(property ->
                        collectForeignKeywords(property.getValue(), at + "/" + property.getKey(), foreign));
                case "items" -> {
                    if (value.isArray()) {
                        foreign.add(at + " (an array of schemas means prefixItems in 2020-12)");
                    } else {
                        collectForeignKeywords(value, at, foreign);
                    }
                }
                case "additionalProperties", "not" -> collectForeignKeywords(value, at, foreign);
                case "allOf", "anyOf", "oneOf" -> {
                    for (int i = 0; i < value.size(); i++) {
                        collectForeignKeywords(value.get(i), at + "/" + i, foreign);
                    }
                }
                default -> {
                    // a value, not a schema
                }
            }
        }
    }

    /** The document of every topic as {@code docs/asyncapi.json} holds it: indented JSON, LF line ends. */
    public static String render() {
        return render(document());
    }

    /** A document as indented JSON with LF line ends, ending with a line end. */
    public static String render(JsonNode document) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(printer).writeValueAsString(document) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
