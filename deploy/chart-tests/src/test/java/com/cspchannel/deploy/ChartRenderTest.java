package com.cspchannel.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chart renders, with default, production and all-services values, into manifests the validator accepts. */
class ChartRenderTest {

    /** The dead-letter topic of every consumer group of the four services, all switched on. */
    private static final List<String> ALL_DEAD_LETTER_TOPICS = List.of(
            "csp.customers.events.partnership-service.reassignments.dlt",
            "csp.subscriptions.events.partnership-service.reassignments.dlt",
            "csp.partnerships.events.customer-service.partner-view.dlt",
            "csp.subscriptions.events.customer-service.subscriptions.dlt",
            "csp.partnerships.events.customer-service.reassignments.dlt",
            "csp.partnerships.events.subscription-service.partner-view.dlt",
            "csp.customers.events.subscription-service.customers.dlt",
            "csp.partnerships.events.subscription-service.reassignments.dlt",
            "csp.partnerships.events.notification-service.dlt",
            "csp.customers.events.notification-service.dlt",
            "csp.subscriptions.events.notification-service.dlt");

    static final ManifestValidator VALIDATOR = new ManifestValidator();
    static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    static Map<String, Long> kinds(List<Manifest> manifests) {
        return manifests.stream().collect(Collectors.groupingBy(Manifest::kind, TreeMap::new, Collectors.counting()));
    }

    static List<Deployment> deployments(List<Manifest> manifests) {
        return manifests.stream().filter(m -> m.kind().equals("Deployment"))
                .map(m -> KUBERNETES.unmarshal(m.yaml(), Deployment.class)).toList();
    }

    static Map<String, EnvVar> env(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, Function.identity()));
    }

    static Map<String, String> settings(List<Manifest> manifests, String service) {
        JsonNode data = manifests.stream().filter(m -> m.kind().equals("ConfigMap") && m.name().endsWith(service + "-settings"))
                .findFirst().orElseThrow().tree().path("data");
        Map<String, String> settings = new TreeMap<>();
        data.fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
        return settings;
    }

    static String appVersion() throws IOException {
        return Manifest.YAML.readTree(ProjectPaths.chart().resolve("Chart.yaml").toFile()).path("appVersion").asText();
    }

    @Test
    void helmLintFindsNothing() {
        LintResult lint = ChartRenderer.lint();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void defaultValuesDeployTheFourServices() throws IOException {
        List<Manifest> manifests = Manifest.parseAll(ChartRenderer.renderDefault());
        assertThat(VALIDATOR.validate(manifests)).isEmpty();
        assertThat(kinds(manifests)).isEqualTo(Map.of("ConfigMap", 4L, "Deployment", 4L, "PodDisruptionBudget", 4L,
                "Service", 4L, "ServiceAccount", 1L));
        assertThat(deployments(manifests)).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrder(
                "csp-channel-partnership-service", "csp-channel-customer-service", "csp-channel-subscription-service",
                "csp-channel-notification-service");
        Deployment deployment = partnership(manifests);
        assertThat(deployment.getMetadata().getName()).isEqualTo("csp-channel-partnership-service");
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("ghcr.io/csp-channel/partnership-service:" + appVersion());
        assertThat(settings(manifests, "partnership-service")).containsEntry("PORT", "8081")
                .containsEntry("DATABASE_URL", "jdbc:postgresql://postgresql:5432/csp_partnership")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "csp-kafka-kafka-bootstrap:9092")
                .containsEntry("RELAY_SEGMENTS", "2")
                .containsKey("JAVA_TOOL_OPTIONS");
        // what the replica system tests prove: two replicas sharing two relay segments, one of them down at a time
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(manifests.stream().filter(m -> m.kind().equals("PodDisruptionBudget")
                && m.name().endsWith("partnership-service")).findFirst().orElseThrow().tree()
                .path("spec").path("maxUnavailable").asInt()).isEqualTo(1);
        assertThat(env(deployment).get("DATABASE_PASSWORD").getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("csp-channel-partnership-db");
    }

    @Test
    void productionValuesUseStrimziCloudNativePgNetworkPoliciesAndMonitoring() {
        List<Manifest> manifests = Manifest.parseAll(ChartRenderer.renderProduction());
        assertThat(VALIDATOR.validate(manifests)).isEmpty();
        assertThat(kinds(manifests)).containsEntry("Deployment", 4L).containsEntry("Service", 4L)
                .containsEntry("PodDisruptionBudget", 4L).containsEntry("HorizontalPodAutoscaler", 1L)
                .containsEntry("Cluster", 4L).containsEntry("ServiceMonitor", 1L).containsEntry("PrometheusRule", 1L)
                .containsEntry("ConfigMap", 5L);
        assertThat(kinds(manifests).get("NetworkPolicy")).isPositive();
        assertThat(kinds(manifests).get("KafkaTopic")).isGreaterThan(3L);
        Deployment deployment = partnership(manifests);
        assertThat(deployment.getSpec().getReplicas()).as("replicas are the autoscaler's").isNull();
        Map<String, EnvVar> env = env(deployment);
        assertThat(env.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG").getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("csp-channel");
        assertThat(env.get("DATABASE_USER").getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("csp-channel-partnership-db-app");
        assertThat(settings(manifests, "partnership-service"))
                .containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512")
                .containsEntry("SPRING_KAFKA_PROPERTIES_SSL_TRUSTSTORE_TYPE", "PEM")
                .containsEntry("SPRING_KAFKA_PROPERTIES_SSL_TRUSTSTORE_LOCATION", "/etc/csp/kafka-ca/ca.crt")
                .containsEntry("DATABASE_URL", "jdbc:postgresql://csp-channel-partnership-db-rw:5432/csp_partnership")
                .containsKey("JWT_ISSUER_URI")
                .containsEntry("PUBLIC_BASE_URL", "https://partners.csp.example.com");
        assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
                .anyMatch(v -> v.getSecret() != null && v.getSecret().getSecretName().equals("csp-kafka-cluster-ca-cert"));
        assertThat(manifests.stream().filter(m -> m.kind().equals("KafkaTopic"))
                .map(m -> m.tree().path("spec").path("topicName").asText()))
                .containsExactlyInAnyOrderElementsOf(Stream.concat(Stream.of(
                        "csp.partnerships.events", "csp.customers.events", "csp.subscriptions.events"),
                        ALL_DEAD_LETTER_TOPICS.stream()).toList());
    }

    /**
     * Every service is enabled by default, so rendering the defaults proves nothing about the switch: here two are
     * switched off by values, and everything of theirs disappears (workload, Service, PDB, settings, database
     * cluster, network policy, dead-letter topics), then on again, and it is all back.
     */
    @Test
    void eachServiceIsSwitchedOffAndOnByValuesAlone() {
        List<Manifest> off = Manifest.parseAll(ChartRenderer.render(List.of(ProjectPaths.productionValues()), Map.of(
                "services.customer.enabled", false,
                "services.notification.enabled", false)));
        assertThat(VALIDATOR.validate(off)).isEmpty();
        assertThat(deployments(off)).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrder(
                "csp-channel-partnership-service", "csp-channel-subscription-service");
        assertThat(kinds(off)).containsEntry("Deployment", 2L).containsEntry("Service", 2L)
                .containsEntry("PodDisruptionBudget", 2L).containsEntry("Cluster", 2L).containsEntry("NetworkPolicy", 2L);
        assertThat(off).as("nothing of a switched-off service").extracting(m -> m.kind() + " " + m.name())
                .noneMatch(name -> name.contains("customer-") || name.contains("notification"));
        assertThat(deadLetterTopics(off)).containsExactlyInAnyOrder(
                "csp.customers.events.partnership-service.reassignments.dlt",
                "csp.subscriptions.events.partnership-service.reassignments.dlt",
                "csp.partnerships.events.subscription-service.partner-view.dlt",
                "csp.customers.events.subscription-service.customers.dlt",
                "csp.partnerships.events.subscription-service.reassignments.dlt");

        List<Manifest> on = Manifest.parseAll(ChartRenderer.render(List.of(ProjectPaths.productionValues()), Map.of(
                "services.customer.enabled", true,
                "services.notification.enabled", true)));
        assertThat(VALIDATOR.validate(on)).isEmpty();
        assertThat(kinds(on)).containsEntry("Deployment", 4L).containsEntry("Service", 4L)
                .containsEntry("PodDisruptionBudget", 4L).containsEntry("Cluster", 4L).containsEntry("NetworkPolicy", 4L);
        assertThat(deployments(on).stream().collect(Collectors.toMap(d -> d.getMetadata().getName(),
                d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0).getContainerPort())))
                .isEqualTo(Map.of("csp-channel-partnership-service", 8081, "csp-channel-customer-service", 8082,
                        "csp-channel-subscription-service", 8083, "csp-channel-notification-service", 8084));
        assertThat(deadLetterTopics(on)).containsExactlyInAnyOrderElementsOf(ALL_DEAD_LETTER_TOPICS);
        assertThat(settings(on, "customer-service"))
                .containsEntry("DATABASE_URL", "jdbc:postgresql://csp-channel-customer-db-rw:5432/csp_customer");
        assertThat(on).extracting(m -> m.kind() + " " + m.name()).contains(
                "Service csp-channel-notification-service", "PodDisruptionBudget csp-channel-notification-service");
    }

    static List<String> deadLetterTopics(List<Manifest> manifests) {
        return manifests.stream().filter(m -> m.kind().equals("KafkaTopic"))
                .map(m -> m.tree().path("spec").path("topicName").asText()).filter(t -> t.endsWith(".dlt")).toList();
    }

    /**
     * Each setting the chart gives a service is one the service reads: a ${NAME:...} placeholder in its
     * application.properties or the platform defaults (Spring's own SPRING_* and LOGGING_* bind by name).
     */
    @Test
    void theSettingsAreTheOnesTheServicesRead() throws IOException {
        String platform = Files.readString(ProjectPaths.root()
                .resolve("service-platform/src/main/resources/csp-platform-defaults.properties"));
        List<Manifest> manifests = Manifest.parseAll(ChartRenderer.renderAllServices());
        Set<String> byConvention = Set.of("JAVA_TOOL_OPTIONS", "KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD");
        int checked = 0;
        for (Deployment deployment : deployments(manifests)) {
            String service = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getName();
            Path properties = ProjectPaths.root().resolve(service + "/src/main/resources/application.properties");
            if (!Files.exists(properties)) {
                assertThat(service).as("the partnership-service's sources").isNotEqualTo("partnership-service");
                continue; // a service whose sources are not here yet
            }
            String read = Files.readString(properties) + platform;
            assertThat(read).contains("spring.application.name=" + service);
            List<String> names = new ArrayList<>(settings(manifests, service).keySet());
            names.addAll(env(deployment).keySet());
            for (String name : names) {
                if (name.startsWith("SPRING_") || name.startsWith("LOGGING_") || byConvention.contains(name)) {
                    continue;
                }
                assertThat(read).as("%s reads %s", service, name).contains("${" + name + ":");
            }
            assertThat(read).as("%s listens on the chart's port", service)
                    .contains("server.port=${PORT:" + deployment.getSpec().getTemplate().getSpec().getContainers().get(0)
                            .getPorts().get(0).getContainerPort() + "}");
            checked++;
        }
        assertThat(checked).isPositive();
    }

    /**
     * The dead-letter topics the chart makes are those of the services' consumer groups: the name of each
     * {@code TopicConsumer} (its group), and the shared partner view ({@code <service>.partner-view}) for a service
     * that depends on it.
     */
    @Test
    void theDeadLetterTopicsAreThoseOfTheServicesConsumerGroups() throws IOException {
        List<Manifest> manifests = Manifest.parseAll(ChartRenderer.renderAllServices());
        Set<String> deadLetterTopics = manifests.stream().filter(m -> m.kind().equals("KafkaTopic"))
                .map(m -> m.tree().path("spec").path("topicName").asText())
                .filter(t -> t.endsWith(".dlt")).collect(Collectors.toSet());
        Set<String> expectedGroups = new java.util.TreeSet<>();
        Set<String> chartGroups = new java.util.TreeSet<>();
        String partnerViewModule = partnerViewModule();
        for (Deployment deployment : deployments(manifests)) {
            String service = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getName();
            Path module = ProjectPaths.root().resolve(service);
            if (!Files.isDirectory(module.resolve("src/main"))) {
                continue; // a service whose sources are not here yet
            }
            String code = sources(module.resolve("src/main/java"));
            // a TopicConsumer's name (its first constructor argument) is its group: a literal, or the default of
            // the property that may rename it
            var named = java.util.regex.Pattern.compile(
                    "super\\(\"([^\"]+)\",|\\$\\{csp\\.[a-z.-]+\\.consumer:([^}]+)}")
                    .matcher(code);
            while (named.find()) {
                expectedGroups.add(named.group(1) != null ? named.group(1) : named.group(2));
            }
            assertThat(code).as("%s consumes only through the platform's TopicConsumer", service)
                    .doesNotContain("@KafkaListener");
            if (Files.readString(module.resolve("pom.xml")).contains("<artifactId>" + partnerViewModule + "</artifactId>")) {
                expectedGroups.add(service + ".partner-view");
            }
            deadLetterTopics.stream().map(t -> t.replaceAll("^csp\\.[a-z]+\\.events\\.(.*)\\.dlt$", "$1"))
                    .filter(g -> g.equals(service) || g.startsWith(service + ".")).forEach(chartGroups::add);
        }
        assertThat(chartGroups).isEqualTo(expectedGroups);
    }

    /** The artifactId of the shared module whose listeners join {@code <service>.partner-view}, whatever its name. */
    private static String partnerViewModule() throws IOException {
        try (var modules = Files.list(ProjectPaths.root())) {
            for (Path module : modules.filter(m -> Files.isRegularFile(m.resolve("pom.xml"))).sorted().toList()) {
                if (sources(module.resolve("src/main/java")).contains(".partner-view\"")) {
                    var artifactId = java.util.regex.Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>")
                            .matcher(Files.readString(module.resolve("pom.xml")));
                    assertThat(artifactId.find()).as("the artifactId in %s/pom.xml", module).isTrue();
                    return artifactId.group(1);
                }
            }
        }
        throw new AssertionError("no module declares the <service>.partner-view consumer group");
    }

    private static String sources(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return "";
        }
        StringBuilder all = new StringBuilder();
        try (var files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(file)).append('\n');
            }
        }
        return all.toString();
    }

    @Test
    void aDeliberatelyBrokenValuesFileIsRejected() {
        List<Manifest> manifests = Manifest.parseAll(ChartRenderer.render(
                List.of(ProjectPaths.testResource("broken-values.yaml")), Map.of()));
        List<String> problems = VALIDATOR.validate(manifests);
        assertThat(String.join("\n", problems)).contains(
                "floating image tag \"ghcr.io/csp-channel/partnership-service:main\"",
                "no startupProbe", "no livenessProbe", "no readinessProbe",
                "no cpu request", "no memory request", "no memory limit",
                "no PodDisruptionBudget selects its pods",
                "runAsNonRoot is not true", "runs as user 0", "allowPrivilegeEscalation is not false",
                "readOnlyRootFilesystem is not true", "capabilities do not drop ALL", "seccompProfile is not RuntimeDefault",
                "leaves no time after the preStop delay 60",
                "DATABASE_PASSWORD is not taken from a Secret");
    }

    @Test
    void theChartRefusesLatest() {
        assertThatThrownBy(() -> ChartRenderer.render(List.of(), Map.of("image.tag", "latest")))
                .hasMessageContaining("\"latest\": pin a version");
    }

    @Test
    void aDigestPinsTheImage() {
        String digest = "sha256:" + "ab".repeat(32);
        List<Manifest> manifests = Manifest.parseAll(ChartRenderer.render(List.of(), Map.of("image.digest", digest)));
        assertThat(VALIDATOR.validate(manifests)).isEmpty();
        assertThat(partnership(manifests).getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("ghcr.io/csp-channel/partnership-service@" + digest);
    }

    @Test
    void theAutoscalerIsBoundedByThePartitionCount() {
        assertThatThrownBy(() -> ChartRenderer.render(List.of(), Map.of(
                "services.partnership.autoscaling.enabled", true,
                "services.partnership.autoscaling.maxReplicas", 10,
                "kafka.partitions", 6)))
                .hasMessageContaining("maxReplicas (10) exceeds kafka.partitions (6)");
    }

    @Test
    void saslNeedsTheOperatorsSecret() {
        assertThatThrownBy(() -> ChartRenderer.render(List.of(), Map.of("kafka.securityProtocol", "SASL_SSL")))
                .hasMessageContaining("kafka.sasl.existingSecret is required");
    }

    @Test
    void saslWithUserAndPasswordKeysBuildsTheJaasConfigFromSecretReferences() {
        List<Manifest> manifests = Manifest.parseAll(ChartRenderer.render(List.of(), Map.of(
                "kafka.securityProtocol", "SASL_PLAINTEXT",
                "kafka.sasl.mechanism", "SCRAM-SHA-256",
                "kafka.sasl.existingSecret", "kafka-credentials",
                "kafka.sasl.usernameKey", "user")));
        assertThat(VALIDATOR.validate(manifests)).isEmpty();
        Map<String, EnvVar> env = env(deployments(manifests).get(0));
        assertThat(env.get("KAFKA_SASL_USERNAME").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("user");
        assertThat(env.get("KAFKA_SASL_PASSWORD").getValueFrom().getSecretKeyRef().getName()).isEqualTo("kafka-credentials");
        assertThat(env.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG").getValue()).isEqualTo(
                "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"$(KAFKA_SASL_USERNAME)\" password=\"$(KAFKA_SASL_PASSWORD)\";");
        // Kubernetes expands $(VAR) only for variables defined before
        List<String> order = deployments(manifests).get(0).getSpec().getTemplate().getSpec().getContainers().get(0)
                .getEnv().stream().map(EnvVar::getName).toList();
        assertThat(order.indexOf("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"))
                .isGreaterThan(order.indexOf("KAFKA_SASL_USERNAME")).isGreaterThan(order.indexOf("KAFKA_SASL_PASSWORD"));
    }

    @Test
    void moreCredentialsComeFromSecretsByName() {
        List<Manifest> manifests = Manifest.parseAll(ChartRenderer.render(List.of(ProjectPaths.productionValues()), Map.of(
                "services.notification.enabled", true,
                "services.notification.settings.SPRING_MAIL_HOST", "smtp.example.com",
                "services.notification.secretEnv.SPRING_MAIL_PASSWORD.secret", "smtp",
                "services.notification.secretEnv.SPRING_MAIL_PASSWORD.key", "password")));
        assertThat(VALIDATOR.validate(manifests)).isEmpty();
        Deployment notification = deployments(manifests).stream()
                .filter(d -> d.getMetadata().getName().endsWith("notification-service")).findFirst().orElseThrow();
        assertThat(env(notification).get("SPRING_MAIL_PASSWORD").getValueFrom().getSecretKeyRef().getName()).isEqualTo("smtp");
        assertThat(settings(manifests, "notification-service")).containsEntry("SPRING_MAIL_HOST", "smtp.example.com")
                .containsEntry("DATABASE_POOL_SIZE", "8").containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs")
                .doesNotContainKey("SPRING_MAIL_PASSWORD");
    }

    @Test
    void aChangedSettingRollsThePods() {
        String before = deployments(Manifest.parseAll(ChartRenderer.renderDefault())).get(0)
                .getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/settings");
        String after = deployments(Manifest.parseAll(ChartRenderer.render(List.of(),
                Map.of("kafka.bootstrapServers", "other:9092")))).get(0)
                .getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/settings");
        assertThat(after).isNotBlank().isNotEqualTo(before);
    }

    private static Deployment partnership(List<Manifest> manifests) {
        return deployments(manifests).stream()
                .filter(d -> d.getMetadata().getName().equals("csp-channel-partnership-service")).findFirst()
                .orElseThrow();
    }
}
