package com.cspchannel.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The alert rules the chart ships: valid for promtool, unit-tested per alert, and the ones the PrometheusRule holds. */
class PrometheusRulesTest {

    static JsonNode rules() throws Exception {
        return Manifest.YAML.readTree(ProjectPaths.rules().toFile());
    }

    static List<JsonNode> alerts() throws Exception {
        List<JsonNode> alerts = new ArrayList<>();
        rules().path("groups").forEach(group -> group.path("rules").forEach(rule -> {
            if (rule.has("alert")) {
                alerts.add(rule);
            }
        }));
        return alerts;
    }

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        var result = Promtool.run(ProjectPaths.rules().getParent(), "check", "rules", ProjectPaths.rules().toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + alerts().size() + " rules found");
    }

    @Test
    void everyAlertPassesItsUnitTests() throws Exception {
        var result = Promtool.run(ProjectPaths.rulesTests().getParent(), "test", "rules",
                ProjectPaths.rulesTests().getFileName().toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertHasAFiringAndASilentCase() throws Exception {
        JsonNode tests = Manifest.YAML.readTree(ProjectPaths.rulesTests().toFile());
        Set<String> fires = new HashSet<>();
        Set<String> silent = new HashSet<>();
        tests.path("tests").forEach(test -> test.path("alert_rule_test").forEach(check -> {
            String name = check.path("alertname").asText();
            (check.path("exp_alerts").isEmpty() ? silent : fires).add(name);
        }));
        for (JsonNode alert : alerts()) {
            String name = alert.path("alert").asText();
            assertThat(fires).as("a unit test where %s fires", name).contains(name);
            assertThat(silent).as("a unit test where %s stays silent", name).contains(name);
        }
    }

    @Test
    void theAlertsTheIssueAsksForExist() throws Exception {
        Map<String, String> concerns = Map.of(
                "relay lag", "csp_relay_lag_events",
                "consumer lag", "kafka_consumer_fetch_manager_records_lag_max",
                "dead-letter records", "csp_consumer_dead_letters_total",
                "5xx ratio", "http_server_requests_seconds_count",
                "p99 latency", "http_server_requests_seconds_bucket",
                "event-processor errors", "event_processor_failure_total",
                "rebuild stuck", "csp_view_rebuild_lag_events");
        Set<String> used = new HashSet<>();
        for (JsonNode alert : alerts()) {
            used.addAll(PromQl.metrics(alert.path("expr").asText()).keySet());
            assertThat(alert.path("labels").path("severity").asText()).isIn("warning", "critical");
            assertThat(alert.path("annotations").path("summary").asText()).isNotBlank();
        }
        concerns.forEach((concern, metric) -> assertThat(used).as("an alert on %s (%s)", concern, metric).contains(metric));
        assertThat(alerts().stream().map(a -> a.path("expr").asText()))
                .anyMatch(expr -> expr.contains("status=~\"5..\""))
                .anyMatch(expr -> expr.contains("histogram_quantile(0.99"));
    }

    @Test
    void thePrometheusRuleHoldsExactlyTheseRules(@TempDir Path dir) throws Exception {
        JsonNode spec = Manifest.parseAll(ChartRenderer.renderProduction()).stream()
                .filter(m -> m.kind().equals("PrometheusRule")).findFirst().orElseThrow().tree().path("spec");
        assertThat(spec).isEqualTo(rules());
        Path rendered = dir.resolve("rendered-rules.yaml");
        Manifest.YAML.writeValue(rendered.toFile(), spec);
        var result = Promtool.run(dir, "check", "rules", rendered.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void promtoolRejectsABrokenRule(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(ProjectPaths.rules())
                .replace("max by (namespace, application) (csp_relay_lag_events) > 1000",
                        "max by (namespace, application) (csp_relay_lag_events > 1000"));
        var result = Promtool.run(dir, "check", "rules", broken.toString());
        assertThat(result.exitCode()).as(result.output()).isNotZero();
    }

    @Test
    void theUnitTestsNoticeAChangedThreshold(@TempDir Path dir) throws Exception {
        Path monitoring = Files.createDirectories(dir.resolve("monitoring"));
        Path rulesDir = Files.createDirectories(dir.resolve("helm/csp-channel/files/prometheus"));
        Files.writeString(rulesDir.resolve("csp-rules.yaml"), Files.readString(ProjectPaths.rules())
                .replace("(csp_relay_lag_events) > 1000", "(csp_relay_lag_events) > 100000"));
        Files.copy(ProjectPaths.rulesTests(), monitoring.resolve("csp-rules.test.yaml"));
        var result = Promtool.run(monitoring, "test", "rules", "csp-rules.test.yaml");
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("CspRelayLagHigh");
    }
}
