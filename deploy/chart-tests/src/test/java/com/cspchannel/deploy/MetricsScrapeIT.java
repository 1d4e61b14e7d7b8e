package com.cspchannel.deploy;

import com.cspchannel.infra.DevTokens;
import com.cspchannel.infra.SharedInfrastructure;
import com.cspchannel.partnership.PartnershipServiceApplication;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard and the alerts name only metrics the services really expose: the partnership-service runs (as in
 * its own integration tests: a real PostgreSQL database and a real Kafka broker), handles a command, publishes the
 * event, and its /actuator/prometheus is scraped. Names not in that scrape must be on the allow-list below, each
 * with the reason it cannot be there yet.
 */
@SpringBootTest(classes = PartnershipServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
class MetricsScrapeIT {

    /** Metrics that a running partnership-service cannot show, and why. Keep it small. */
    static final Map<String, String> NOT_IN_THE_SCRAPE = Map.of(
            "kafka_consumer_fetch_manager_records_lag_max",
            "Kafka listener metric: partnership-service has no listeners (the consuming services have)",
            "csp_consumer_dead_letters_total",
            "created by a service's first dead-lettered record");

    /** Labels Prometheus (and the Prometheus Operator) add to every scraped series. */
    static final Set<String> TARGET_LABELS = Set.of("namespace", "pod", "instance", "job", "service", "container", "endpoint");

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+\\S+.*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SharedInfrastructure.freshDatabaseProperties("chart_scrape")
                .forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.kafka.bootstrap-servers", SharedInfrastructure::kafkaBootstrapServers);
        registry.add("csp.security.dev-secret", () -> DevTokens.DEV_SECRET);
    }

    static Map<String, Set<String>> used = new TreeMap<>();

    @BeforeAll
    static void metricsTheDashboardAndTheAlertsUse() throws Exception {
        Dashboards.metrics(Dashboards.dashboard()).forEach((name, labels) ->
                used.computeIfAbsent(name, k -> new TreeSet<>()).addAll(labels));
        for (JsonNode alert : PrometheusRulesTest.alerts()) {
            PromQl.metrics(alert.path("expr").asText()).forEach((name, labels) ->
                    used.computeIfAbsent(name, k -> new TreeSet<>()).addAll(labels));
        }
    }

    /** Metric names in the scrape, with the label names each carries. */
    Map<String, Set<String>> scrape(HttpClient http) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Set<String>> metrics = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Set<String> labels = metrics.computeIfAbsent(sample.group(1), k -> new TreeSet<>());
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.add(label.group(1));
                }
            }
        }
        return metrics;
    }

    /**
     * A command (command bus, event processors, relay), a refused request and a health check: every kind of meter,
     * once the relay has published.
     */
    private void everyKindOfMeter(HttpClient http, String provider, String partnerId) throws Exception {
        String base = "http://127.0.0.1:" + port;
        var put = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/providers/" + UUID.randomUUID()))
                .header("Authorization", "Bearer " + DevTokens.withDevSecret().platform("DirectoryAdmin"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + provider + "\",\"contactEmail\":\"csp@"
                        + provider.toLowerCase(java.util.Locale.ROOT) + ".example\",\"cspRegion\":\"Europe\","
                        + "\"partnerId\":\"" + partnerId + "\",\"preferredLanguage\":\"en-US\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isIn(200, 201);
        var refused = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/resellers")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.discarding());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> scrape(http).containsKey("csp_relay_events_published_total"));
    }

    @Test
    void theDashboardAndTheAlertsNameOnlyMetricsTheServiceExposes() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port;
        everyKindOfMeter(http, "Contoso", "1234567");
        Map<String, Set<String>> exposed = scrape(http);

        Set<String> missing = new TreeSet<>(used.keySet());
        missing.removeAll(exposed.keySet());
        missing.removeAll(NOT_IN_THE_SCRAPE.keySet());
        assertThat(missing).as("metrics the dashboard or the alerts use but the service does not expose").isEmpty();

        for (var entry : used.entrySet()) {
            Set<String> labels = exposed.get(entry.getKey());
            if (labels == null) {
                continue;
            }
            Set<String> unknown = new TreeSet<>(entry.getValue());
            unknown.removeAll(labels);
            unknown.removeAll(TARGET_LABELS);
            assertThat(unknown).as("labels matched on %s that it does not carry (it has %s)", entry.getKey(), labels).isEmpty();
        }
        assertThat(exposed.values()).as("every meter carries the application tag")
                .allMatch(labels -> labels.contains("application"));
    }

    /**
     * The scrape follows Prometheus' naming conventions as promtool checks them (snake_case metric and label names,
     * help texts, units, suffixes), after the same command, refusal and health check as above.
     */
    @Test
    void promtoolFindsNothingToLintInTheScrape(@TempDir Path dir) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port;
        everyKindOfMeter(http, "Fabrikam", "7654321");
        Path scrape = dir.resolve("scrape.txt");
        Files.writeString(scrape, http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(scrape(http)).as("Axon's meters are in the scrape, under their snake_case names")
                .containsKeys("command_bus_all_timer_seconds_bucket", "event_processor_processed_total");

        Promtool.Result lint = Promtool.checkMetrics(dir, scrape);
        assertThat(lint.output().strip()).as("promtool check metrics").isEmpty();
        assertThat(lint.exitCode()).isZero();
    }

    @Test
    void theAllowListStaysSmallAndUsed() {
        assertThat(NOT_IN_THE_SCRAPE).hasSizeLessThanOrEqualTo(4);
        assertThat(used.keySet()).as("every allowed name is used by the dashboard or the alerts")
                .containsAll(NOT_IN_THE_SCRAPE.keySet());
    }
}
