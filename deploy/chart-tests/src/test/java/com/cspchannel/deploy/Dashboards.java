package com.cspchannel.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The Grafana dashboard the chart ships, and the PromQL it runs. */
final class Dashboards {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.*),\\s*[A-Za-z_]\\w*\\s*\\)$");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");

    private Dashboards() {
    }

    static JsonNode dashboard() throws IOException {
        return JSON.readTree(ProjectPaths.dashboard().toFile());
    }

    /** Every panel, rows' nested panels included. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    /** The queries, as Prometheus receives them: panel targets and template variables. */
    static List<String> expressions(JsonNode dashboard) {
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            panel.path("targets").forEach(target -> expressions.add(asPrometheusReceivesIt(target.path("expr").asText())));
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                JsonNode query = variable.path("query");
                expressions.add(asPrometheusReceivesIt(query.isObject() ? query.path("query").asText() : query.asText()));
            }
        }
        return expressions;
    }

    /**
     * A Grafana query as PromQL: Grafana puts an interval for $__rate_interval (and its kin) and a regular
     * expression of the selected values for a variable, and asks for label_values(selector, label) with the selector
     * alone (a series request).
     */
    static String asPrometheusReceivesIt(String query) {
        return VARIABLE.matcher(LABEL_VALUES.matcher(query.trim()).replaceAll("$1")).replaceAll(
                variable -> variable.group(1).matches("__(rate_)?interval|__range") ? "5m" : ".*");
    }

    /** Metric names (and matched labels) the dashboard uses. */
    static Map<String, Set<String>> metrics(JsonNode dashboard) {
        Map<String, Set<String>> metrics = new LinkedHashMap<>();
        for (String expression : expressions(dashboard)) {
            PromQl.metrics(expression).forEach((name, labels) ->
                    metrics.computeIfAbsent(name, k -> new LinkedHashSet<>()).addAll(labels));
        }
        return metrics;
    }
}
