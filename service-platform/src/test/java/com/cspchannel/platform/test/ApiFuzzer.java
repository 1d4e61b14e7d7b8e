package com.cspchannel.platform.test;

import com.cspchannel.infra.HttpApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Drives every operation of a service's own OpenAPI document (read with swagger-core's model) over real HTTP:
 * a body generated from each operation's schema, then mutations of it (wrong types, nulls, missing and unknown
 * fields, duplicate keys, control characters, huge values, broken JSON), hostile path, query and header values,
 * each with every given token in turn. It records each answer that breaks the API's promises: a 5xx, an error
 * that is not problem details or carries a stack trace, a problem whose status and code the document does not list
 * on the operation, or an event stored by a refused request.
 *
 * <p>Seeded, so a failure is reproducible; bounded by a request budget per operation and a time budget.
 */
public final class ApiFuzzer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String HUGE = "A".repeat(70_000);
    private static final List<String> HOSTILE_PATH_VALUES = List.of("00000000-0000-0000-0000-000000000000",
            "11111111-1111-1111-1111-11111111111", "not-a-uuid", "%2F", "..%2F..%2Fetc", "%00", "%E2%80%AE",
            "x;jsessionid=1", "A".repeat(3000), "-1", "%27%20or%201%3D1--");
    private static final List<String> HOSTILE_QUERY_VALUES = List.of("", "-1", "99999999999999999999", "1.5",
            "A".repeat(5000), "%00", "2026-13-45T99:00:00Z", "-999999999-01-01T00:00:00Z", "%27", "true", "null");
    private static final List<String> HOSTILE_IF_MATCH = List.of("\"stale\"", "*", "W/\"1\"", "garbage", "\"-1\"",
            "\"99999999999999999999\"");

    /** A broken promise: what was sent and what came back. */
    public record Finding(String operation, String mutation, int status, String answer) {
        @Override
        public String toString() {
            return operation + " [" + mutation + "] -> " + status + " "
                    + (answer == null ? "" : answer.substring(0, Math.min(300, answer.length())));
        }
    }

    /** What a run did and found. */
    public record Report(int operations, int requests, Duration took, List<Finding> findings) {
    }

    private final HttpApi api;
    private final OpenAPI document;
    private final List<String> tokens;
    private final Map<String, String> known;
    private final LongSupplier storedEvents;
    private final Random random;
    private final int requestsPerOperation;
    private final Duration budget;
    private final List<Finding> findings = new ArrayList<>();
    private int requests;
    private int tokenTurn;

    /**
     * @param known        values by parameter or property name ({@code customerId}, {@code offerId}, ...) that
     *                     name existing things, so requests reach the domain rules instead of stopping at 404
     * @param storedEvents how many events the service's event store holds
     */
    public ApiFuzzer(HttpApi api, String openApiJson, List<String> tokens, Map<String, String> known,
                     LongSupplier storedEvents, long seed, int requestsPerOperation, Duration budget) {
        this.api = api;
        try {
            // springdoc writes OpenAPI 3.1 (a nullable field is "type": ["string", "null"]), which only the 3.1 mapper reads
            this.document = Json31.mapper().readValue(openApiJson, OpenAPI.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.tokens = List.copyOf(tokens);
        this.known = Map.copyOf(known);
        this.storedEvents = storedEvents;
        this.random = new Random(seed);
        this.requestsPerOperation = requestsPerOperation;
        this.budget = budget;
    }

    public Report run() {
        Instant start = Instant.now();
        int operations = 0;
        for (Map.Entry<String, PathItem> path : document.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> operation : path.getValue().readOperationsMap().entrySet()) {
                if (Duration.between(start, Instant.now()).compareTo(budget) > 0) {
                    return new Report(operations, requests, Duration.between(start, Instant.now()), findings);
                }
                operations++;
                fuzz(operation.getKey().name(), path.getKey(), operation.getValue());
            }
        }
        return new Report(operations, requests, Duration.between(start, Instant.now()), findings);
    }

    private void fuzz(String method, String template, Operation operation) {
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        Map<String, String> pathValues = new LinkedHashMap<>();
        Map<String, String> queryValues = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        for (Parameter parameter : parameters) {
            // a variable renamed to share its path with another operation is known by its name in the code
            Object nameInCode = parameter.getExtensions() == null ? null
                    : parameter.getExtensions().get("x-name-in-code");
            String name = nameInCode == null ? parameter.getName() : nameInCode.toString();
            String value = known.getOrDefault(name, sample(name, resolve(parameter.getSchema()), 0).asText());
            switch (parameter.getIn()) {
                case "path" -> pathValues.put(parameter.getName(), value);
                case "query" -> {
                    if (Boolean.TRUE.equals(parameter.getRequired()) || known.containsKey(parameter.getName())) {
                        queryValues.put(parameter.getName(), value);
                    }
                }
                default -> {
                }
            }
        }
        Schema<?> bodySchema = bodySchema(operation);
        JsonNode body = bodySchema == null ? null : sample("body", bodySchema, 0);
        List<Request> tries = new ArrayList<>();
        tries.add(new Request("as documented", pathValues, queryValues, headers, text(body)));
        for (String name : pathValues.keySet()) {
            for (String hostile : HOSTILE_PATH_VALUES) {
                Map<String, String> values = new LinkedHashMap<>(pathValues);
                values.put(name, hostile);
                tries.add(new Request("path " + name + "=" + abbreviate(hostile), values, queryValues, headers,
                        text(body)));
            }
        }
        for (Parameter parameter : parameters) {
            if ("query".equals(parameter.getIn())) {
                for (String hostile : HOSTILE_QUERY_VALUES) {
                    Map<String, String> values = new LinkedHashMap<>(queryValues);
                    values.put(parameter.getName(), hostile);
                    tries.add(new Request("query " + parameter.getName() + "=" + abbreviate(hostile), pathValues,
                            values, headers, text(body)));
                }
            } else if ("header".equals(parameter.getIn())) {
                List<String> values = "If-Match".equalsIgnoreCase(parameter.getName()) ? HOSTILE_IF_MATCH
                        : List.of("", " ", "A".repeat(300), "\u00e9t\u00e9", UUID.randomUUID().toString());
                for (String hostile : values) {
                    Map<String, String> h = new LinkedHashMap<>(headers);
                    h.put(parameter.getName(), hostile);
                    tries.add(new Request("header " + parameter.getName() + "=" + abbreviate(hostile), pathValues,
                            queryValues, h, text(body)));
                }
            }
        }
        if (body != null) {
            tries.addAll(bodyMutations(pathValues, queryValues, headers, body));
        }
        List<Request> chosen = new ArrayList<>(tries.subList(0, 1));
        List<Request> rest = new ArrayList<>(tries.subList(1, tries.size()));
        java.util.Collections.shuffle(rest, random);
        chosen.addAll(rest.subList(0, Math.min(rest.size(), requestsPerOperation - 1)));
        for (Request request : chosen) {
            send(method, template, operation, request);
        }
    }

    private List<Request> bodyMutations(Map<String, String> path, Map<String, String> query,
                                        Map<String, String> headers, JsonNode body) {
        List<Request> tries = new ArrayList<>();
        String valid = text(body);
        for (String raw : List.of("", "{", "[]", "\"x\"", "null", "{}", "[".repeat(5000) + "]".repeat(5000),
                "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}", "\u0000", valid + "garbage")) {
            tries.add(new Request("raw body " + abbreviate(raw), path, query, headers, raw));
        }
        if (body.isObject() && body.size() > 0) {
            String first = body.fieldNames().next();
            tries.add(new Request("duplicate key " + first, path, query, headers,
                    "{\"" + first + "\":" + body.get(first) + "," + valid.substring(1)));
            ObjectNode unknown = body.deepCopy();
            unknown.put("unknownField" + random.nextInt(100), "x");
            tries.add(new Request("unknown field", path, query, headers, text(unknown)));
        }
        List<String> leaves = new ArrayList<>();
        leaves(body, "", leaves);
        List<JsonNode> replacements = List.of(NODES.nullNode(), NODES.numberNode(-1), NODES.numberNode(1.5),
                NODES.textNode("x"), NODES.booleanNode(true), NODES.objectNode(), NODES.arrayNode(),
                NODES.textNode(HUGE), NODES.textNode("a\u0000b"), NODES.textNode("\u202e\u0007\u001b[31m"),
                NODES.numberNode(new java.math.BigInteger("99999999999999999999999")), NODES.numberNode(1e308),
                NODES.textNode("-999999999-01-01T00:00:00Z"), NODES.textNode("00000000-0000-0000-0000-000000000000"));
        for (String leaf : leaves) {
            JsonNode removed = body.deepCopy();
            remove(removed, leaf);
            tries.add(new Request("without " + leaf, path, query, headers, text(removed)));
            for (JsonNode replacement : replacements) {
                JsonNode changed = body.deepCopy();
                replace(changed, leaf, replacement);
                tries.add(new Request(leaf + "=" + abbreviate(replacement.toString()), path, query, headers,
                        text(changed)));
            }
        }
        return tries;
    }

    private record Request(String mutation, Map<String, String> path, Map<String, String> query,
                           Map<String, String> headers, String body) {
    }

    private void send(String method, String template, Operation documented, Request request) {
        String uri = template;
        for (Map.Entry<String, String> value : request.path().entrySet()) {
            String encoded = value.getValue().startsWith("%") || value.getValue().contains(";")
                    || value.getValue().contains("%2F") ? value.getValue() : encode(value.getValue());
            uri = uri.replace("{" + value.getKey() + "}", encoded);
        }
        StringBuilder query = new StringBuilder();
        request.query().forEach((name, value) -> query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                .append(value.startsWith("%") ? value : encode(value)));
        String operation = method + " " + template;
        String token = tokens.get(tokenTurn++ % tokens.size());
        long before = storedEvents.getAsLong();
        HttpApi.Response response;
        try {
            response = api.withHeaders(method, uri + query, token, request.body(), request.headers());
        } catch (IllegalArgumentException e) {
            return; // the HTTP client itself refuses to send it (an illegal header value): nothing to learn
        } catch (RuntimeException e) {
            findings.add(new Finding(operation, request.mutation(), -1, "no answer: " + e));
            return;
        }
        requests++;
        int status = response.status();
        String raw = response.raw();
        if (status >= 500) {
            findings.add(new Finding(operation, request.mutation(), status, raw));
        } else if (status >= 400) {
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json") || response.code() == null) {
                findings.add(new Finding(operation, request.mutation(), status, "not problem details: " + raw));
            } else if (!documentedCodes(documented, status).contains(response.code())) {
                findings.add(new Finding(operation, request.mutation(), status, "problem " + status + " "
                        + response.code() + " is not documented on this operation (it documents "
                        + documentedCodes(documented, status) + " for " + status + ")"));
            }
            long after = storedEvents.getAsLong();
            if (after != before) {
                findings.add(new Finding(operation, request.mutation(), status,
                        "refused, yet " + (after - before) + " event(s) stored"));
            }
        }
        if (raw != null && (raw.contains("Exception") || raw.contains("\tat ") || raw.contains(".java:"))) {
            findings.add(new Finding(operation, request.mutation(), status, "stack trace in answer: " + raw));
        }
    }

    /**
     * The problem codes the document lists on an operation's answer of this status: the {@code enum} of
     * {@code code} in its {@code application/problem+json} schema.
     */
    static List<String> documentedCodes(Operation operation, int status) {
        if (operation.getResponses() == null || operation.getResponses().get(String.valueOf(status)) == null) {
            return List.of();
        }
        var content = operation.getResponses().get(String.valueOf(status)).getContent();
        var media = content == null ? null : content.get("application/problem+json");
        if (media == null || media.getSchema() == null) {
            return List.of();
        }
        List<Schema> parts = new ArrayList<>();
        parts.add(media.getSchema());
        if (media.getSchema().getAllOf() != null) {
            parts.addAll(media.getSchema().getAllOf());
        }
        List<String> codes = new ArrayList<>();
        for (Schema<?> part : parts) {
            Schema<?> code = part.getProperties() == null ? null : part.getProperties().get("code");
            if (code != null && code.getEnum() != null) {
                code.getEnum().forEach(value -> codes.add(String.valueOf(value)));
            }
        }
        return codes;
    }

    private Schema<?> bodySchema(Operation operation) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return null;
        }
        return operation.getRequestBody().getContent().values().stream().findFirst()
                .map(media -> resolve(media.getSchema())).orElse(null);
    }

    private Schema<?> resolve(Schema<?> schema) {
        Schema<?> current = schema;
        for (int i = 0; current != null && current.get$ref() != null && i < 10; i++) {
            String name = current.get$ref().substring(current.get$ref().lastIndexOf('/') + 1);
            current = document.getComponents().getSchemas().get(name);
        }
        if (current != null && current.getAllOf() != null && !current.getAllOf().isEmpty()) {
            return resolve(current.getAllOf().get(0));
        }
        if (current != null && current.getOneOf() != null && !current.getOneOf().isEmpty()) {
            return resolve(current.getOneOf().get(0));
        }
        return current;
    }

    /** A plausible value for a schema: known values by name first, then the schema's enum, format and bounds. */
    private JsonNode sample(String name, Schema<?> schema, int depth) {
        if (known.containsKey(name)) {
            return NODES.textNode(known.get(name));
        }
        if (schema == null || depth > 6) {
            return NODES.textNode("x");
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return JSON.valueToTree(schema.getEnum().get(0));
        }
        String type = schema.getType() != null ? schema.getType()
                : schema.getTypes() != null && !schema.getTypes().isEmpty() ? schema.getTypes().iterator().next()
                : schema.getProperties() != null ? "object" : "string";
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (schema.getProperties() != null) {
                    schema.getProperties().forEach((property, value) ->
                            object.set(property, sample(property, resolve(value), depth + 1)));
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                array.add(sample(name, resolve(schema.getItems()), depth + 1));
                return array;
            }
            case "integer" -> {
                return NODES.numberNode(schema.getMinimum() == null ? 1 : schema.getMinimum().longValue());
            }
            case "number" -> {
                return NODES.numberNode(1);
            }
            case "boolean" -> {
                return NODES.booleanNode(true);
            }
            default -> {
                String format = schema.getFormat() == null ? "" : schema.getFormat();
                String pattern = schema.getPattern() == null ? "" : schema.getPattern();
                return NODES.textNode(switch (format) {
                    case "uuid" -> UUID.randomUUID().toString();
                    case "date-time" -> Instant.now().toString();
                    case "email" -> "fuzz@example.com";
                    default -> pattern.contains("\\d") ? "5" + (1_000_000 + random.nextInt(8_999_999)) : "fuzz";
                });
            }
        }
    }

    private static void leaves(JsonNode node, String at, List<String> into) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(field -> leaves(node.get(field), at + "/" + field, into));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                leaves(node.get(i), at + "/" + i, into);
            }
            if (!at.isEmpty()) {
                into.add(at);
            }
        } else if (!at.isEmpty()) {
            into.add(at);
        }
    }

    private static void replace(JsonNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        }
    }

    private static void remove(JsonNode root, String pointer) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array) {
            array.remove(Integer.parseInt(last));
        }
    }

    private static String text(JsonNode node) {
        return node == null ? null : node.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "...(" + value.length() + ")" : printable;
    }
}
