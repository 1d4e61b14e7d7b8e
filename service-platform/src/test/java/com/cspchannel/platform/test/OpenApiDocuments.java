package com.cspchannel.platform.test;

import com.cspchannel.infra.HttpApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The committed OpenAPI documents in {@code docs/openapi/}: the build generates the Java client (module
 * api-client) from them, so each must be exactly what its service serves at {@code /v3/api-docs}. Kept in a
 * canonical form so that a diff shows a change of the API and nothing else: object keys sorted, pretty-printed,
 * and without {@code servers} (springdoc names the host and random port of the request there, which is where the
 * document was fetched, not part of the API).
 */
public final class OpenApiDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiDocuments() {
    }

    /** Where the document of {@code service} (e.g. {@code partnership-service}) is kept, from its module. */
    public static Path committed(String service) {
        return Path.of("..", "docs", "openapi", service + ".json");
    }

    /**
     * Fails unless {@code /v3/api-docs} as {@code api} serves it is, canonically, the committed document of
     * {@code service}; with {@code -Dapprove=true} it writes the served document there instead.
     */
    public static void assertServedDocumentIsCommitted(HttpApi api, String service) throws IOException {
        HttpApi.Response served = api.get("/v3/api-docs", null);
        assertThat(served.status()).as("GET /v3/api-docs").isEqualTo(200);
        String canonical = canonical(served.body());
        Path file = committed(service);
        if (Boolean.getBoolean("approve")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, canonical, StandardCharsets.UTF_8);
            return;
        }
        String kept = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        if (!kept.equals(canonical)) {
            Path received = Path.of("target", "openapi", service + ".received.json");
            Files.createDirectories(received.getParent());
            Files.writeString(received, canonical, StandardCharsets.UTF_8);
            fail("docs/openapi/" + service + ".json is what " + service + " serves at /v3/api-docs, and the "
                    + "generated Java client (api-client) is built from it; it differs from what the service serves "
                    + "now (" + firstDifference(kept, canonical) + "; the served document is in " + service + "/"
                    + received + "). Rewrite it from the repository's root with\n    ./mvnw -q -pl " + service
                    + " verify -Dit.test=OpenApiDocumentIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false "
                    + "-Dapprove=true\nreview the diff, and commit it: a changed document changes the client.");
        }
    }

    /** The document without {@code servers}, every object's keys sorted, pretty-printed, ending in a newline. */
    public static String canonical(JsonNode document) throws IOException {
        JsonNode copy = document.deepCopy();
        if (copy instanceof ObjectNode object) {
            object.remove("servers");
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(sorted(copy)) + "\n";
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode result = JSON.createObjectNode();
            names.forEach(name -> result.set(name, sorted(object.get(name))));
            return result;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode result = JSON.createArrayNode();
            array.forEach(element -> result.add(sorted(element)));
            return result;
        }
        return node;
    }

    private static String firstDifference(String kept, String served) {
        if (kept.isEmpty()) {
            return "it is missing or empty";
        }
        String[] keptLines = kept.split("\n", -1);
        String[] servedLines = served.split("\n", -1);
        for (int i = 0; i < Math.min(keptLines.length, servedLines.length); i++) {
            if (!keptLines[i].equals(servedLines[i])) {
                return "first at line " + (i + 1) + ", kept `" + keptLines[i].strip() + "`, served `"
                        + servedLines[i].strip() + "`";
            }
        }
        return "it has " + keptLines.length + " lines, the served one " + servedLines.length;
    }
}
