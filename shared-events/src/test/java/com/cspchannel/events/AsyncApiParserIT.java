package com.cspchannel.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events' AsyncAPI documents pass the official AsyncAPI parser ({@code @asyncapi/parser} on Node.js, with its
 * default rules: the AsyncAPI 3.0 JSON Schema, references, the payload schemas in their declared format, the
 * Kafka bindings): {@code docs/asyncapi.json} and each producing service's document, with no error and no warning.
 * The parser, at the version {@code src/test/asyncapi-parser/package-lock.json} pins, is installed with npm into
 * {@code target/asyncapi-parser} and kept there between runs. Without node and npm this test is skipped on a
 * developer machine and fails in CI (wherever the variable CI is set to anything but {@code false} or {@code 0}).
 */
class AsyncApiParserIT {

    private static final Path SOURCE = Path.of("src", "test", "asyncapi-parser");
    private static final Path HOME = Path.of("target", "asyncapi-parser");
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "validate.mjs");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path node;

    @BeforeAll
    static void installTheParser() throws IOException, InterruptedException {
        node = onPath("node");
        Path npm = onPath("npm");
        Files.createDirectories(HOME);
        for (String file : FILES) {
            Files.copy(SOURCE.resolve(file), HOME.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        // installed once, again only when the pinned versions change (or after mvn clean)
        Path installedLock = HOME.resolve("installed-package-lock.json");
        boolean installed = Files.exists(HOME.resolve("node_modules/@asyncapi/parser/package.json"))
                && Files.exists(installedLock)
                && Files.mismatch(installedLock, HOME.resolve("package-lock.json")) == -1;
        if (!installed) {
            Result install = run(List.of(npm.toString(), "ci", "--ignore-scripts", "--no-audit", "--no-fund"),
                    "npm-ci", 600);
            assertThat(install.exitCode()).as("npm ci of the AsyncAPI parser in %s:%n%s", HOME, install.output())
                    .isZero();
            Files.copy(HOME.resolve("package-lock.json"), installedLock, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void docsAsyncapiJsonAndEachServicesDocumentPassTheParserWithoutErrorsOrWarnings() throws Exception {
        Map<String, Path> documents = new LinkedHashMap<>();
        documents.put("docs/asyncapi.json", AsyncApiTest.DOCS.toAbsolutePath().normalize());
        documents.put("every topic, as generated", write("all-topics.json", AsyncApi.document()));
        for (String topic : AsyncApi.TOPICS) {
            documents.put(Topics.producer(topic) + "'s", write(topic + ".json", AsyncApi.document(List.of(topic))));
        }
        JsonNode results = validate(documents.values());
        int i = 0;
        for (String name : documents.keySet()) {
            JsonNode result = results.get(i++);
            List<String> findings = findings(result, "error", "warning");
            result.path("diagnostics").forEach(d -> System.out.printf("%s: %s %s at %s: %s%n", name,
                    d.path("severity").asText(), d.path("code").asText(), d.path("path").asText(),
                    d.path("message").asText()));
            assertThat(findings).as("errors and warnings of the AsyncAPI parser in %s", name).isEmpty();
            assertThat(result.path("parsed").asBoolean()).as("%s parsed", name).isTrue();
        }
    }

    /** The parser really checks: each of three documents broken in one way is refused with an error there. */
    @Test
    void aBrokenDocumentIsRefusedWithAnErrorWhereItIsBroken() throws Exception {
        Map<String, ObjectNode> broken = new LinkedHashMap<>();
        // an AsyncAPI 2 word where 3.0 has send and receive
        ObjectNode action = AsyncApi.document();
        ((ObjectNode) action.path("operations").path("publish-customers")).put("action", "publish");
        broken.put("operations/publish-customers/action", action);
        // a payload schema that is not JSON Schema
        ObjectNode payload = AsyncApi.document();
        ((ObjectNode) payload.path("components").path("messages").path("customer.CustomerCreated.v1")
                .path("payload").path("schema")).put("type", "objekt");
        broken.put("components/messages/customer.CustomerCreated.v1/payload", payload);
        // a message reference to nowhere
        ObjectNode reference = AsyncApi.document();
        ((ObjectNode) reference.path("channels").path("partnerships").path("messages"))
                .putObject("partnership.Unknown.v1").put("$ref", "#/components/messages/partnership.Unknown.v1");
        broken.put("channels/partnerships/messages/partnership.Unknown.v1", reference);

        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> document : broken.entrySet()) {
            files.add(write("broken-" + files.size() + ".json", document.getValue()));
        }
        JsonNode results = validate(files);

        int i = 0;
        for (String where : broken.keySet()) {
            JsonNode result = results.get(i++);
            assertThat(result.path("parsed").asBoolean()).as("a document broken at %s parsed", where).isFalse();
            assertThat(findings(result, "error")).as("errors of a document broken at %s", where)
                    .anySatisfy(error -> assertThat(error).contains(" at " + where));
        }
    }

    /** A published schema that names its dialect or its id itself is accepted as a draft-07 payload. */
    @Test
    void aPayloadSchemaWithItsOwnSchemaAndIdKeywordsIsAccepted() throws Exception {
        ObjectNode document = AsyncApi.document(List.of(Topics.CUSTOMERS));
        ObjectNode schema = (ObjectNode) document.path("components").path("messages")
                .path("customer.CustomerCreated.v1").path("payload").path("schema");
        assertThat(schema.path("$id").asText()).isEqualTo("urn:csp-channel:schema:customer.CustomerCreated.v1");
        schema.put("$schema", "http://json-schema.org/draft-07/schema#");

        JsonNode result = validate(List.of(write("with-schema-keyword.json", document))).get(0);

        assertThat(findings(result, "error", "warning")).isEmpty();
        assertThat(result.path("parsed").asBoolean()).isTrue();
    }

    private static Path write(String name, JsonNode document) throws IOException {
        Path file = HOME.resolve("documents").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, AsyncApi.render(document), StandardCharsets.UTF_8);
        return file.toAbsolutePath();
    }

    /** {@code validate.mjs} on these files: per file, whether it parsed and the parser's diagnostics. */
    private static JsonNode validate(java.util.Collection<Path> files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(node.toString(), "validate.mjs"));
        files.forEach(file -> command.add(file.toString()));
        Result result = run(command, "validate", 120);
        assertThat(result.exitCode()).as("node validate.mjs: %s", result.output()).isZero();
        JsonNode results = JSON.readTree(result.output());
        assertThat(results).as("one result per file: %s", result.output()).hasSize(files.size());
        return results;
    }

    private static List<String> findings(JsonNode result, String... severities) {
        List<String> findings = new ArrayList<>();
        for (JsonNode diagnostic : result.path("diagnostics")) {
            if (Arrays.asList(severities).contains(diagnostic.path("severity").asText())) {
                findings.add(diagnostic.path("severity").asText() + " " + diagnostic.path("code").asText() + " at "
                        + diagnostic.path("path").asText() + ": " + diagnostic.path("message").asText());
            }
        }
        return findings;
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs a command in {@link #HOME}: its standard output (and, when it fails, its errors) is the output. */
    private static Result run(List<String> command, String log, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path out = HOME.resolve(log + ".out");
        Path err = HOME.resolve(log + ".err");
        Process process = new ProcessBuilder(command).directory(HOME.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            Assertions.fail("did not finish within " + timeoutSeconds + " s: " + command);
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            output += "\n" + Files.readString(err, StandardCharsets.UTF_8);
        }
        return new Result(process.exitValue(), output);
    }

    /** A program on the PATH; without it the tests are skipped, and fail in CI. */
    private static Path onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (!dir.isBlank() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String missing = program + " not found on the PATH: the AsyncAPI parser runs on Node.js 20 or later with "
                + "npm (apt-get install nodejs npm)";
        if (inCi(System.getenv("CI"))) {
            return Assertions.fail(missing + " (CI=" + System.getenv("CI") + ")");
        }
        Assumptions.abort(missing);
        return null;
    }

    /** Whether the environment variable CI, with this value (null: not set), says that this is a CI run. */
    static boolean inCi(String ci) {
        return ci != null && !ci.strip().equalsIgnoreCase("false") && !ci.strip().equals("0");
    }
}
