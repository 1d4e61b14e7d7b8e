package com.cspchannel.deploy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The validator rejects what it must: each case breaks one thing in a correctly rendered chart. */
class ManifestValidatorTest {

    static final String DEFAULT = ChartRenderer.renderDefault();
    static final String PRODUCTION = ChartRenderer.renderProduction();

    /** Applies {@code edit} to the documents of one kind (null: no document of that kind is changed). */
    static String edit(String rendered, String kind, UnaryOperator<String> edit) {
        List<String> documents = new ArrayList<>(Arrays.asList(rendered.split("(?m)^---\\s*$")));
        boolean found = false;
        for (int i = 0; i < documents.size(); i++) {
            if (documents.get(i).contains("\nkind: " + kind + "\n")) {
                String changed = edit.apply(documents.get(i));
                found = true;
                documents.set(i, changed);
            }
        }
        assertThat(found).as("a %s to edit", kind).isTrue();
        return documents.stream().collect(Collectors.joining("---"));
    }

    /** Replaces the first {@code from} in each document of {@code kind} that contains it (at least one must). */
    static String replace(String rendered, String kind, String from, String to) {
        boolean[] replaced = {false};
        String result = edit(rendered, kind, doc -> {
            if (!doc.contains(from)) {
                return doc;
            }
            replaced[0] = true;
            return doc.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
        });
        assertThat(replaced[0]).as("a %s containing %s", kind, from).isTrue();
        return result;
    }

    /** YAML lines, indentation as written. */
    static String lines(String... lines) {
        return String.join("\n", lines);
    }

    static String problems(String rendered) {
        return String.join("\n", new ManifestValidator().validate(Manifest.parseAll(rendered)));
    }

    @Test
    void theRenderedChartIsAccepted() {
        assertThat(problems(DEFAULT)).isEmpty();
        assertThat(problems(PRODUCTION)).isEmpty();
    }

    @Test
    void aMisspeltFieldIsAnUnknownField() {
        assertThat(problems(replace(DEFAULT, "Deployment", "livenessProbe:", "livenesProbe:")))
                .contains("unknown field \"livenesProbe\" at /spec/template/spec/containers/0")
                .contains("no livenessProbe");
        assertThat(problems(replace(DEFAULT, "Service", "targetPort: http", "targetport: http")))
                .contains("unknown field \"targetport\" at /spec/ports/0");
    }

    @Test
    void aMisplacedFieldIsAnUnknownField() {
        assertThat(problems(replace(DEFAULT, "Deployment", "      enableServiceLinks: false",
                "      enableServiceLinks: false\n      replicas: 3")))
                .contains("unknown field \"replicas\" at /spec/template/spec");
    }

    @Test
    void aWronglyTypedValueDoesNotParse() {
        assertThat(problems(replace(DEFAULT, "Deployment", "containerPort: 8081", "containerPort: http")))
                .contains("does not parse as Deployment");
    }

    @Test
    void aWrongKindOrApiVersionIsRejected() {
        assertThat(problems(replace(DEFAULT, "PodDisruptionBudget", "kind: PodDisruptionBudget", "kind: PodDisruptionBuget")))
                .contains("unexpected kind \"PodDisruptionBuget\"");
        assertThat(problems(replace(DEFAULT, "PodDisruptionBudget", "apiVersion: policy/v1", "apiVersion: policy/v1beta1")))
                .contains("wrong apiVersion policy/v1beta1 (expected policy/v1)");
        assertThat(problems(DEFAULT + "\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n  labels:\n"
                + "    app.kubernetes.io/instance: csp-channel\nstringData:\n  password: hunter2\n"))
                .contains("the chart renders a Secret");
    }

    @Test
    void aDeploymentWithoutServiceOrBudgetIsRejected() {
        assertThat(problems(edit(DEFAULT, "Service", doc -> "\n"))).contains("no Service selects its pods");
        assertThat(problems(edit(DEFAULT, "PodDisruptionBudget", doc -> "\n"))).contains("no PodDisruptionBudget selects its pods");
        assertThat(problems(replace(DEFAULT, "Service", "app.kubernetes.io/component: partnership-service\n  ports",
                "app.kubernetes.io/component: customer-service\n  ports"))).contains("no Service selects its pods");
    }

    @Test
    void aFloatingTagIsRejectedAndAVersionOrDigestAccepted() {
        String image = "ghcr.io/csp-channel/partnership-service:0.1.0";
        for (String floating : List.of("ghcr.io/csp-channel/partnership-service:latest",
                "ghcr.io/csp-channel/partnership-service", "ghcr.io/csp-channel/partnership-service:0.1.0-SNAPSHOT",
                "ghcr.io/csp-channel/partnership-service:stable")) {
            assertThat(problems(replace(DEFAULT, "Deployment", image, floating))).contains("floating image tag");
        }
        for (String pinned : List.of("ghcr.io/csp-channel/partnership-service:1.4.2",
                "registry.example.com:5000/csp/partnership-service:v2.0.1-rc.1",
                "ghcr.io/csp-channel/partnership-service:3f9c2ab",
                "ghcr.io/csp-channel/partnership-service@sha256:" + "0f".repeat(32))) {
            assertThat(problems(replace(DEFAULT, "Deployment", image, pinned))).isEmpty();
        }
    }

    @Test
    void credentialsAndTokensAreGuarded() {
        assertThat(problems(replace(DEFAULT, "Deployment", lines("- name: DATABASE_PASSWORD", "              valueFrom:", "                secretKeyRef:", "                  name: csp-channel-partnership-db", "                  key: password"), lines("- name: DATABASE_PASSWORD", "              value: hunter2"))))
                .contains("DATABASE_PASSWORD is not taken from a Secret");
        assertThat(problems(replace(DEFAULT, "ConfigMap", "  PORT: \"8081\"",
                "  PORT: \"8081\"\n  CSP_SECURITY_DEV_SECRET: abc")))
                .contains("CSP_SECURITY_DEV_SECRET enables development tokens");
        assertThat(problems(replace(DEFAULT, "ConfigMap", "  PORT: \"8081\"",
                "  PORT: \"8081\"\n  SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG: x required username=\"u\" password=\"p\";")))
                .contains("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG holds a literal password");
        assertThat(problems(replace(DEFAULT, "Deployment", "automountServiceAccountToken: false",
                "automountServiceAccountToken: true"))).contains("automountServiceAccountToken must be false");
        assertThat(problems(replace(DEFAULT, "ServiceAccount", "automountServiceAccountToken: false",
                "automountServiceAccountToken: true"))).contains("automountServiceAccountToken must be false");
    }

    @Test
    void probesMustUseTheActuatorGroupsOnANamedPort() {
        assertThat(problems(replace(DEFAULT, "Deployment", lines("readinessProbe:", "            failureThreshold: 3", "            httpGet:", "              path: /actuator/health/readiness"), lines("readinessProbe:", "            failureThreshold: 3", "            httpGet:", "              path: /actuator/health"))))
                .contains("readinessProbe checks /actuator/health instead of /actuator/health/readiness");
        assertThat(problems(replace(DEFAULT, "Deployment", lines("path: /actuator/health/liveness", "              port: http"), lines("path: /actuator/health/liveness", "              port: web"))))
                .contains("startupProbe port is not a container port");
    }

    @Test
    void theWritableTempDirIsRequired() {
        assertThat(problems(replace(DEFAULT, "Deployment", "mountPath: /tmp", "mountPath: /work")))
                .contains("no writable emptyDir at /tmp");
    }

    @Test
    void customResourcesAreCheckedFieldByField() {
        assertThat(problems(replace(PRODUCTION, "KafkaTopic", "retention.ms: \"-1\"", "retention.ms: \"604800000\"")))
                .contains("must keep its history (retention.ms: -1)");
        assertThat(problems(replace(PRODUCTION, "KafkaTopic", "    helm.sh/resource-policy: keep\n", "")))
                .contains("not kept on uninstall");
        assertThat(problems(replace(PRODUCTION, "KafkaTopic", "  partitions: 12", "  partition: 12")))
                .contains("unknown field \"partition\" at /spec");
        assertThat(problems(replace(PRODUCTION, "ServiceMonitor", "- port: http", "- port: metrics")))
                .contains("endpoint port \"metrics\" is not a named port of csp-channel-partnership-service");
        assertThat(problems(replace(PRODUCTION, "ServiceMonitor", "path: /actuator/prometheus", "path: /metrics")))
                .contains("endpoint path is not /actuator/prometheus");
        assertThat(problems(replace(PRODUCTION, "PrometheusRule", "        expr:", "        expression:")))
                .contains("unknown field \"expression\" at /spec/groups/0/rules/0")
                .contains("a rule without expr");
        assertThat(problems(replace(PRODUCTION, "Cluster", "    helm.sh/resource-policy: keep\n", "")))
                .contains("the database would be deleted");
        assertThat(problems(replace(PRODUCTION, "Cluster", "      owner: csp_partnership", "      ownr: csp_partnership")))
                .contains("unknown field \"ownr\" at /spec/bootstrap/initdb");
        assertThat(problems(replace(PRODUCTION, "ConfigMap", "csp-channel-partnership-db-rw", "postgres")))
                .contains("no service's DATABASE_URL points to its read-write service");
    }

    @Test
    void networkPoliciesStayWithinTheRelease() {
        assertThat(problems(replace(PRODUCTION, "NetworkPolicy", lines("podSelector:", "    matchLabels:", "      app.kubernetes.io/name: csp-channel", "      app.kubernetes.io/instance: csp-channel", "      app.kubernetes.io/component: partnership-service"), lines("podSelector: {}"))))
                .contains("applies to pods beyond the release's own");
    }

    @Test
    void theAutoscalerMayNotOutgrowThePartitions() {
        assertThat(problems(replace(PRODUCTION, "HorizontalPodAutoscaler", "maxReplicas: 12", "maxReplicas: 13")))
                .contains("maxReplicas 13 exceeds the topics' 12 partitions");
    }
}
