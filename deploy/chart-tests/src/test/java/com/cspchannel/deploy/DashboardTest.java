package com.cspchannel.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardTest {

    @Test
    void theDashboardIsWellFormed() throws Exception {
        JsonNode dashboard = Dashboards.dashboard();
        assertThat(dashboard.path("uid").asText()).isEqualTo("csp-channel-overview");
        assertThat(dashboard.path("title").asText()).isNotBlank();
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        assertThat(dashboard.path("templating").path("list").findValuesAsText("name"))
                .contains("datasource", "namespace", "application");
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : Dashboards.panels(dashboard)) {
            String title = panel.path("title").asText();
            assertThat(ids.add(panel.path("id").asInt())).as("unique id of %s", title).isTrue();
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as("width of %s", title).isBetween(1, 24);
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("datasource").path("uid").asText()).as("data source of %s", title).isEqualTo("${datasource}");
            assertThat(panel.path("targets")).as("queries of %s", title).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                assertThat(expr).as("query of %s", title).isNotBlank();
                assertThat(PromQl.metrics(Dashboards.asPrometheusReceivesIt(expr))).as("metrics of %s", title).isNotEmpty();
                assertThat(expr).as("%s filters by the selected services", title).contains("application=~\"$application\"");
            }
        }
    }

    @Test
    void promtoolParsesEveryQuery(@TempDir Path dir) throws Exception {
        List<String> queries = Dashboards.expressions(Dashboards.dashboard());
        var result = Promtool.checkExpressions(dir, queries);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + queries.size() + " rules found");
    }

    @Test
    void promtoolRejectsABrokenQuery(@TempDir Path dir) throws Exception {
        List<String> queries = new ArrayList<>(Dashboards.expressions(Dashboards.dashboard()));
        queries.set(0, queries.get(0).replaceFirst("\\)$", ""));
        var result = Promtool.checkExpressions(dir, queries);
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("expression_1");
    }

    @Test
    void theDashboardShowsWhatTheIssueAsksFor() throws Exception {
        assertThat(Dashboards.metrics(Dashboards.dashboard()).keySet()).contains(
                "command_bus_ingested_total",          // command rates
                "command_bus_all_timer_seconds_bucket",        // command latency
                "http_server_requests_seconds_bucket",       // API latency
                "csp_relay_lag_events",                      // relay lag
                "kafka_consumer_fetch_manager_records_lag_max", // consumer lag
                "csp_consumer_dead_letters_total");          // dead letters
    }

    @Test
    void theChartShipsTheDashboardInAConfigMap() throws Exception {
        Manifest configMap = Manifest.parseAll(ChartRenderer.renderProduction()).stream()
                .filter(m -> m.kind().equals("ConfigMap") && m.name().endsWith("-dashboards")).findFirst().orElseThrow();
        assertThat(configMap.tree().path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
        JsonNode shipped = Dashboards.JSON.readTree(configMap.tree().path("data").path("csp-overview.json").asText());
        assertThat(shipped).isEqualTo(Dashboards.dashboard());
    }
}
