package com.cspchannel.system;

import com.cspchannel.infra.HttpApi;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an integrator reads: every successful answer of every service's OpenAPI document has a schema with named
 * fields (no bare object or map), and every list answer is the one page shape.
 */
class ApiDocumentsIT {

    private final SystemStack stack = SystemStack.get();

    @Test
    void everyAnswerHasASchemaWithItsFieldsAndEveryListIsOnePageShape() {
        List<String> problems = new ArrayList<>();
        int answers = 0;
        for (String service : List.of("partnership", "customer", "subscription", "notification")) {
            HttpApi.Response docs = stack.api(service).get("/v3/api-docs", null);
            assertThat(docs.status()).as(service + " /v3/api-docs").isEqualTo(200);
            assertThat(docs.body().path("info").path("license").path("name").asText())
                    .as("%s's document names the repository's license (LICENSE)", service).isEqualTo("Apache-2.0");
            JsonNode schemas = docs.body().path("components").path("schemas");
            for (Map.Entry<String, JsonNode> path : docs.body().path("paths").properties()) {
                for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                    for (Map.Entry<String, JsonNode> response : operation.getValue().path("responses").properties()) {
                        if (!response.getKey().startsWith("2")) {
                            continue;
                        }
                        for (JsonNode media : response.getValue().path("content")) {
                            answers++;
                            String where = service + " " + operation.getKey().toUpperCase() + " " + path.getKey();
                            JsonNode schema = resolve(media.path("schema"), schemas);
                            JsonNode properties = schema.path("properties");
                            if (schema.path("type").asText("object").equals("object") && properties.isEmpty()) {
                                problems.add(where + ": an answer without named fields " + media.path("schema"));
                            }
                            if (properties.has("items") && !(properties.has("totalCount")
                                    && properties.has("page") && properties.has("size"))) {
                                problems.add(where + ": a list that is not the page shape " + properties.fieldNames());
                            }
                        }
                    }
                }
            }
        }
        assertThat(answers).isGreaterThan(30);
        assertThat(problems).isEmpty();
    }

    private static JsonNode resolve(JsonNode schema, JsonNode schemas) {
        String ref = schema.path("$ref").asText("");
        return ref.isEmpty() ? schema : schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
    }
}
