package com.cspchannel.platform.asyncapi;

import com.cspchannel.events.AsyncApi;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Serves the AsyncAPI 3.0 document of the topic this service publishes, beside its OpenAPI document
 * ({@code /v3/api-docs}) and readable under the same rule: without a token where the API docs are public
 * ({@code csp.security.public-api-docs}, by default in development mode only), with one elsewhere. The document is
 * {@link AsyncApi}'s, generated once at start; not part of the OpenAPI document.
 */
@RestController
@Hidden
public class AsyncApiController {

    public static final String PATH = "/v3/asyncapi";

    private final String topic;
    private final byte[] document;

    public AsyncApiController(String topic) {
        this.topic = topic;
        this.document = AsyncApi.render(AsyncApi.document(List.of(topic))).getBytes(StandardCharsets.UTF_8);
    }

    /** The topic whose document this serves. */
    public String topic() {
        return topic;
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> document() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(document);
    }
}
