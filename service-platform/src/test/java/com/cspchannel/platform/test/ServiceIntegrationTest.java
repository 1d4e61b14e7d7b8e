package com.cspchannel.platform.test;

import com.cspchannel.events.PublicEvent;
import com.cspchannel.infra.DevTokens;
import com.cspchannel.infra.EventPublisher;
import com.cspchannel.infra.HttpApi;
import com.cspchannel.infra.SharedInfrastructure;
import com.cspchannel.platform.web.UndocumentedProblems;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service on a random port with its own new database on a real PostgreSQL and a real Kafka broker (a broker
 * process started for the test JVM), accepting development tokens; the base of every service's Spring
 * integration tests. The application is the {@code @SpringBootApplication} found above the test's package, so
 * all tests of one service share one context. Facts owned by other services reach it the way they do in
 * production: as CloudEvents on their topics, sent with {@link #publish}. The spans it finishes are kept
 * ({@link RecordedSpans}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@Import(RecordedSpans.Recording.class)
public abstract class ServiceIntegrationTest {

    public static final DevTokens TOKENS = DevTokens.withDevSecret();

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;
    protected HttpApi api;
    @Autowired
    private UndocumentedProblems undocumentedProblems;
    private EventPublisher publisher;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SharedInfrastructure.freshDatabaseProperties("service_it")
                .forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.kafka.bootstrap-servers", SharedInfrastructure::kafkaBootstrapServers);
        registry.add("csp.security.dev-secret", () -> DevTokens.DEV_SECRET);
    }

    @BeforeEach
    void client() {
        api = new HttpApi(port);
    }

    /** How many events the service's own event store holds: a refused command adds none. */
    protected long storedEvents() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    /** Publishes an event of another service on its topic, as that service's relay would. */
    protected void publish(String topic, String key, PublicEvent event) {
        if (publisher == null) {
            publisher = new EventPublisher(SharedInfrastructure.kafkaBootstrapServers());
        }
        publisher.publish(topic, key, event);
    }

    /**
     * Fuzzes every operation of this service's own OpenAPI document (see {@link ApiFuzzer}) and fails with every
     * broken promise found. The seed is fixed ({@code -Dfuzz.seed=...} to try another); the run is bounded to
     * {@code requestsPerOperation} requests per operation ({@code -Dfuzz.requests=...} for a longer search) and
     * two minutes (or {@code -Dfuzz.minutes=...}).
     */
    protected ApiFuzzer.Report fuzzEveryOperation(Map<String, String> known, List<String> tokens,
                                                  int requestsPerOperation) {
        HttpApi.Response document = api.get("/v3/api-docs", null);
        assertThat(document.status()).isEqualTo(200);
        long seed = Long.getLong("fuzz.seed", 20261201L);
        ApiFuzzer.Report report = new ApiFuzzer(api, document.raw(), tokens, known, this::storedEvents, seed,
                Integer.getInteger("fuzz.requests", requestsPerOperation),
                Duration.ofMinutes(Long.getLong("fuzz.minutes", 2))).run();
        int operations = document.body().get("paths").findValues("responses").size();
        System.out.printf("fuzzed %d of %d operations with %d requests in %d ms (seed %d), %d finding(s)%n",
                report.operations(), operations, report.requests(), report.took().toMillis(), seed,
                report.findings().size());
        assertThat(report.operations()).as("operations fuzzed within the time budget").isEqualTo(operations);
        assertThat(report.findings()).as("broken promises in " + report.requests() + " requests (seed " + seed + ")")
                .isEmpty();
        assertScrapeStaysSmall();
        return report;
    }

    /**
     * This service's OpenAPI document as an integrator downloads it, written to {@code target/openapi/}, linted with
     * Redocly's CLI and its recommended rules ({@link OpenApiLinter}): not one error or warning.
     */
    protected void assertApiDocumentLintsClean() throws Exception {
        HttpApi.Response document = api.get("/v3/api-docs", null);
        assertThat(document.status()).isEqualTo(200);
        String name = document.body().path("info").path("title").asText("service").replaceAll("[^A-Za-z0-9-]+", "-");
        java.nio.file.Path file = java.nio.file.Path.of("target", "openapi", name + ".json").toAbsolutePath();
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.writeString(file, document.body().toPrettyString());
        List<OpenApiLinter.Finding> findings = OpenApiLinter.lint(file);
        assertThat(findings).as("redocly lint (recommended rules) of " + file).isEmpty();
    }

    /**
     * After requests of every route, method and status (a fuzz run leaves the most series behind), one Prometheus
     * scrape stays within 150 KB and still has latency buckets: HTTP's, with the 1 s bucket the p99 alert needs.
     */
    private void assertScrapeStaysSmall() {
        HttpApi.Response scrape = api.get("/actuator/prometheus", null);
        assertThat(scrape.status()).isEqualTo(200);
        int bytes = scrape.raw().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        System.out.printf("one scrape after the fuzz run: %,d bytes%n", bytes);
        assertThat(bytes).as("bytes of one scrape").isLessThanOrEqualTo(150_000);
        assertThat(scrape.raw()).contains("http_server_requests_seconds_bucket{").contains("le=\"1.0\"")
                .contains("http_server_refusals_seconds_count{").doesNotContain("quantile=\"");
    }

    /** Every problem a test provoked is listed on the operation that answered it (see {@link UndocumentedProblems}). */
    @AfterEach
    void everyProblemAnsweredIsDocumented() {
        assertThat(undocumentedProblems.drain()).as("problems answered that the API document does not list")
                .isEmpty();
    }

    @AfterEach
    void closePublisher() {
        if (publisher != null) {
            publisher.close();
            publisher = null;
        }
    }
}
