package com.cspchannel.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The answers a service's OpenAPI document promises, operation by operation, checked on every answer a generated
 * client receives: a status the document does not list for the operation fails the call with
 * {@link UndocumentedAnswer}, whichever status it is. (A body that does not fit the documented schema already
 * fails to deserialise: {@link ApiClients} reads strictly.) The document is the one the client was generated
 * from, packed into this jar.
 */
public final class DocumentedAnswers implements Consumer<HttpResponse<InputStream>> {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One operation: its path template as a pattern, its method, and the statuses it documents. */
    private record Operation(String method, String template, Pattern path, JsonNode responses) {
    }

    private final String service;
    private final List<Operation> operations = new ArrayList<>();

    private DocumentedAnswers(String service, JsonNode document) {
        this.service = service;
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            Pattern pattern = Pattern.compile(
                    Pattern.quote(path.getKey()).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q"));
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                operations.add(new Operation(operation.getKey().toUpperCase(), path.getKey(), pattern,
                        operation.getValue().path("responses")));
            }
        }
    }

    /** The promises of {@code service}'s document (e.g. {@code partnership-service}). */
    public static DocumentedAnswers of(String service) {
        try (InputStream in = DocumentedAnswers.class.getResourceAsStream("/openapi/" + service + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no OpenAPI document of " + service + " in the client's jar");
            }
            return new DocumentedAnswers(service, JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void accept(HttpResponse<InputStream> response) {
        String method = response.request().method();
        String path = response.request().uri().getRawPath();
        int status = response.statusCode();
        Operation operation = operations.stream()
                .filter(o -> o.method().equals(method) && o.path().matcher(path).matches())
                // a literal segment wins over a variable (/resellers/verify before /resellers/{id})
                .min(java.util.Comparator.comparingInt(o -> o.template().split("\\{", -1).length))
                .orElseThrow(() -> new UndocumentedAnswer(service + " has no operation " + method + " " + path
                        + " in its document, yet the client sent it"));
        JsonNode responses = operation.responses();
        String code = Integer.toString(status);
        if (!responses.has(code) && !responses.has(code.charAt(0) + "XX") && !responses.has("default")) {
            throw new UndocumentedAnswer(service + " answered " + method + " " + path + " with " + status
                    + ", which its document does not list for " + method + " " + operation.template() + " ("
                    + String.join(", ", (Iterable<String>) responses::fieldNames) + ")");
        }
    }

    /** An answer the service's document does not describe: the document or the service is wrong. */
    public static final class UndocumentedAnswer extends IllegalStateException {
        UndocumentedAnswer(String message) {
            super(message);
        }
    }
}
