package com.cspchannel.partnership.web;

import com.cspchannel.events.AsyncApi;
import com.cspchannel.events.Topics;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * partnership-service serves the AsyncAPI document of its own topic, and of no other, beside its OpenAPI document
 * and under the same access rule (development mode here: both are readable without a token).
 */
class AsyncApiDocumentIT extends IntegrationTest {

    @Test
    void servesTheAsyncApiDocumentOfItsOwnTopicOnly() throws Exception {
        var response = api.get("/v3/asyncapi", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(response.body().path("asyncapi").asText()).isEqualTo("3.0.0");
        List<String> channels = new ArrayList<>();
        response.body().path("channels").fieldNames().forEachRemaining(channels::add);
        assertThat(channels).containsExactly("partnerships");
        assertThat(response.body().path("channels").path("partnerships").path("address").asText())
                .isEqualTo(Topics.PARTNERSHIPS);
        List<String> messages = new ArrayList<>();
        response.body().path("components").path("messages").fieldNames().forEachRemaining(messages::add);
        assertThat(messages).isNotEmpty().allSatisfy(message -> assertThat(message).startsWith("partnership."));
        assertThat(response.body()).isEqualTo(new ObjectMapper().readTree(
                AsyncApi.render(AsyncApi.document(List.of(Topics.PARTNERSHIPS)))));

        var withToken = api.get("/v3/asyncapi", TOKENS.provider(java.util.UUID.randomUUID(), "GlobalAdmin"));
        assertThat(withToken.status()).isEqualTo(200);
    }

    @Test
    void theAsyncApiEndpointIsNotAnOperationOfTheOpenApiDocument() {
        var openApi = api.get("/v3/api-docs", null);
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body().path("paths").has("/v3/asyncapi")).isFalse();
    }
}
