package com.cspchannel.deploy;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlTest {

    @Test
    void findsMetricsAndTheirMatchedLabels() {
        var metrics = PromQl.metrics("""
                (sum by (namespace, application) (rate(http_server_requests_seconds_count{status=~"5..", uri!~"/actuator.*"}[5m]))
                / sum by (namespace, application) (rate(http_server_requests_seconds_count[5m]))) > 0.05
                and on (namespace, application) sum without (pod) (csp_relay_lag_events) > 1e3""");
        assertThat(metrics).isEqualTo(Map.of(
                "http_server_requests_seconds_count", Set.of("status", "uri"),
                "csp_relay_lag_events", Set.of()));
    }

    @Test
    void ignoresFunctionsKeywordsDurationsAndStrings() {
        var metrics = PromQl.metrics("""
                histogram_quantile(0.99, sum by (application, le) (rate(http_server_requests_seconds_bucket{namespace=~".*", application=~"a|b", uri!~"/api/v1/x{y}"}[5m])))
                or max by (application) (csp_relay_lag_events offset 15m) unless on (application) (sum(rate(csp_relay_events_published_total[10m])) > 0)""");
        assertThat(metrics.keySet()).containsExactlyInAnyOrder("http_server_requests_seconds_bucket",
                "csp_relay_lag_events", "csp_relay_events_published_total");
        assertThat(metrics.get("http_server_requests_seconds_bucket")).containsExactlyInAnyOrder("namespace", "application", "uri");
    }

    @Test
    void readsTheSelectorOfGrafanaQueries() {
        String query = Dashboards.asPrometheusReceivesIt(
                "label_values(process_uptime_seconds{namespace=~\"$namespace\"}, application)");
        assertThat(query).isEqualTo("process_uptime_seconds{namespace=~\".*\"}");
        assertThat(PromQl.metrics(query)).isEqualTo(Map.of("process_uptime_seconds", Set.of("namespace")));
        assertThat(Dashboards.asPrometheusReceivesIt("rate(x{application=~\"${application}\"}[$__rate_interval])"))
                .isEqualTo("rate(x{application=~\".*\"}[5m])");
    }
}
