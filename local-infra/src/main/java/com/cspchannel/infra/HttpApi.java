package com.cspchannel.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small HTTP client for a service under test: real HTTP, JSON in and out, bearer tokens. */
public final class HttpApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public HttpApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** Where this client sends to, e.g. {@code http://127.0.0.1:8081}: for a generated client beside it. */
    public String baseUrl() {
        return base;
    }

    public record Response(int status, JsonNode body, String raw, java.net.http.HttpHeaders headers) {
        public String code() {
            return body == null || body.get("code") == null ? null : body.get("code").asText();
        }
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    public Response post(String path, String token, Object body) {
        return send("POST", path, token, body, null);
    }

    public Response put(String path, String token, Object body) {
        return send("PUT", path, token, body, null);
    }

    public Response delete(String path, String token, Object body) {
        return send("DELETE", path, token, body, null);
    }

    public Response send(String method, String path, String token, Object body, String ifMatch) {
        return send(method, path, token, body, ifMatch, null);
    }

    /** A request with an {@code If-Match} and an {@code Idempotency-Key} header (either may be null). */
    public Response send(String method, String path, String token, Object body, String ifMatch,
                         String idempotencyKey) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (ifMatch != null) {
            headers.put("If-Match", ifMatch);
        }
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        return withHeaders(method, path, token, body, headers);
    }

    /** A request with any further headers, such as Partner Center's {@code MS-RequestId}. */
    public Response withHeaders(String method, String path, String token, Object body, Map<String, String> headers) {
        try {
            String payload = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, payload == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(payload));
            if (payload != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            if (response.body() != null && !response.body().isBlank()
                    && response.headers().firstValue("Content-Type").orElse("").contains("json")) {
                json = JSON.readTree(response.body());
            }
            return new Response(response.statusCode(), json, response.body(), response.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
