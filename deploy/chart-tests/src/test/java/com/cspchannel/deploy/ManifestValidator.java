package com.cspchannel.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroup;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Checks rendered manifests the way a careful reviewer (and the API server) would: every document parses into the
 * typed Kubernetes model without unknown fields ({@link KubernetesModel}), only expected kinds and API versions
 * appear, and every Deployment is production-shaped (probes on the actuator groups, resources, restricted security
 * context, pinned image, graceful shutdown, a Service and a PodDisruptionBudget). The CloudNativePG Cluster has no
 * Java model on Maven Central: its fields are checked against the few the chart may set.
 */
final class ManifestValidator {

    /** The kinds the chart may render and their API versions (the custom resources are optional, behind values). */
    static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("Deployment", "apps/v1"),
            Map.entry("Service", "v1"),
            Map.entry("ConfigMap", "v1"),
            Map.entry("ServiceAccount", "v1"),
            Map.entry("PodDisruptionBudget", "policy/v1"),
            Map.entry("HorizontalPodAutoscaler", "autoscaling/v2"),
            Map.entry("NetworkPolicy", "networking.k8s.io/v1"),
            Map.entry("ServiceMonitor", "monitoring.coreos.com/v1"),
            Map.entry("PrometheusRule", "monitoring.coreos.com/v1"),
            Map.entry("KafkaTopic", "kafka.strimzi.io/v1beta2"),
            Map.entry("Cluster", "postgresql.cnpg.io/v1"));

    static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
    static final String LIVENESS_PATH = "/actuator/health/liveness";
    static final String READINESS_PATH = "/actuator/health/readiness";

    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|CREDENTIAL|PRIVATE_KEY).*");
    private static final Pattern IMAGE = Pattern.compile(
            "^(?<repo>[^@]+?)(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$");
    private static final Pattern VERSION_TAG = Pattern.compile("v?\\d+\\.\\d+(\\.\\d+)?([-+_.][0-9A-Za-z]+)*");
    private static final Pattern COMMIT_TAG = Pattern.compile("[0-9a-f]{7,40}");
    private static final Pattern DLT_TOPIC = Pattern.compile("(?<topic>csp\\.[a-z]+\\.events)\\.(?<group>[a-z0-9][a-z0-9.-]*)\\.dlt");

    private final KubernetesModel model = new KubernetesModel();

    /** Every problem found, one line each; empty when the manifests are fine. */
    List<String> validate(List<Manifest> manifests) {
        List<String> problems = new ArrayList<>();
        Map<Manifest, KubernetesResource> typed = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Manifest manifest : manifests) {
            if (!seen.add(manifest.kind() + "/" + manifest.name())) {
                problems.add(manifest.id() + ": rendered twice");
            }
            checkMetadata(manifest, problems);
            String kind = manifest.kind();
            if (kind.equals("Secret")) {
                problems.add(manifest.id() + ": the chart renders a Secret; credentials must come from the operators' Secrets");
            } else if (!KINDS.containsKey(kind)) {
                problems.add(manifest.id() + ": unexpected kind \"" + kind + "\" (apiVersion " + manifest.apiVersion() + ")");
            } else if (!KINDS.get(kind).equals(manifest.apiVersion())) {
                problems.add(manifest.id() + ": wrong apiVersion " + manifest.apiVersion() + " (expected " + KINDS.get(kind) + ")");
            } else if (!kind.equals("Cluster")) {
                parseStrictly(manifest, problems).ifPresent(resource -> typed.put(manifest, resource));
            }
        }
        Resources resources = new Resources(typed);
        resources.deployments.forEach((manifest, deployment) -> checkDeployment(manifest, deployment, resources, problems));
        resources.services.forEach((manifest, service) -> checkService(manifest, service, problems));
        resources.configMaps.forEach((manifest, configMap) -> checkConfigMap(manifest, configMap, problems));
        resources.hpas.forEach((manifest, hpa) -> checkHpa(manifest, hpa, resources, problems));
        resources.networkPolicies.forEach((manifest, policy) -> checkNetworkPolicy(manifest, policy, problems));
        resources.serviceAccounts.forEach((manifest, account) -> {
            if (!Boolean.FALSE.equals(account.getAutomountServiceAccountToken())) {
                problems.add(manifest.id() + ": automountServiceAccountToken must be false (the services never call the API)");
            }
        });
        resources.serviceMonitors.forEach((manifest, monitor) -> checkServiceMonitor(manifest, monitor, resources, problems));
        resources.prometheusRules.forEach((manifest, rule) -> checkPrometheusRule(manifest, rule, problems));
        resources.kafkaTopics.forEach((manifest, topic) -> checkKafkaTopic(manifest, topic, resources, problems));
        manifests.stream().filter(m -> m.kind().equals("Cluster"))
                .forEach(cluster -> checkCnpgCluster(cluster, resources, problems));
        return problems;
    }

    private Optional<KubernetesResource> parseStrictly(Manifest manifest, List<String> problems) {
        Class<? extends KubernetesResource> type = model.type(manifest.apiVersion(), manifest.kind());
        if (type == null) {
            problems.add(manifest.id() + ": kind not known to the Kubernetes model");
            return Optional.empty();
        }
        KubernetesModel.Parsed parsed;
        try {
            parsed = model.parse(manifest.yaml(), type);
        } catch (RuntimeException e) {
            problems.add(manifest.id() + ": does not parse as " + type.getSimpleName() + ": " + e.getMessage());
            return Optional.empty();
        }
        parsed.unknownFields().forEach(field -> problems.add(manifest.id() + ": unknown field " + field));
        return Optional.of(parsed.resource());
    }

    private void checkMetadata(Manifest manifest, List<String> problems) {
        String name = manifest.name();
        if (name.isEmpty()) {
            problems.add(manifest.id() + ": no metadata.name");
        } else {
            Pattern pattern = Set.of("Service", "Deployment").contains(manifest.kind()) ? DNS_LABEL : DNS_SUBDOMAIN;
            if (!pattern.matcher(name).matches()) {
                problems.add(manifest.id() + ": invalid name \"" + name + "\"");
            }
        }
        if (!manifest.tree().path("metadata").path("labels").has(INSTANCE_LABEL)) {
            problems.add(manifest.id() + ": no " + INSTANCE_LABEL + " label");
        }
    }

    // ---------------------------------------------------------------- workloads

    private void checkDeployment(Manifest manifest, Deployment deployment, Resources resources, List<String> problems) {
        String id = manifest.id();
        var spec = deployment.getSpec();
        if (spec == null || spec.getTemplate() == null || spec.getTemplate().getSpec() == null) {
            problems.add(id + ": no pod template");
            return;
        }
        Map<String, String> podLabels = Optional.ofNullable(spec.getTemplate().getMetadata())
                .map(m -> m.getLabels()).orElse(Map.of());
        Map<String, String> selector = spec.getSelector() == null ? null : spec.getSelector().getMatchLabels();
        if (selector == null || selector.isEmpty() || !podLabels.entrySet().containsAll(selector.entrySet())) {
            problems.add(id + ": the selector does not match the pod template's labels");
        }
        boolean autoscaled = resources.hpas.values().stream().anyMatch(h -> targets(h, deployment));
        if (spec.getReplicas() == null && !autoscaled) {
            problems.add(id + ": no replicas and no HorizontalPodAutoscaler");
        }
        PodSpec pod = spec.getTemplate().getSpec();
        if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
            problems.add(id + ": automountServiceAccountToken must be false (no service-account token unless needed)");
        }
        if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())
                || Boolean.TRUE.equals(pod.getHostIPC())) {
            problems.add(id + ": shares a host namespace (hostNetwork/hostPID/hostIPC)");
        }
        for (Volume volume : Optional.ofNullable(pod.getVolumes()).orElse(List.of())) {
            if (volume.getHostPath() != null) {
                problems.add(id + ": hostPath volume " + volume.getName());
            }
        }
        PodSecurityContext podSecurity = Optional.ofNullable(pod.getSecurityContext()).orElse(new PodSecurityContext());
        if (podSecurity.getRunAsUser() != null && podSecurity.getRunAsUser() == 0) {
            problems.add(id + ": the pod runs as user 0");
        }
        if (pod.getContainers() == null || pod.getContainers().isEmpty()) {
            problems.add(id + ": no containers");
            return;
        }
        List<Container> all = new ArrayList<>(pod.getContainers());
        all.addAll(Optional.ofNullable(pod.getInitContainers()).orElse(List.of()));
        for (Container container : all) {
            checkContainer(id + " container " + container.getName(), container, pod, podSecurity, resources, problems);
        }
        for (Container container : pod.getContainers()) {
            checkProbes(id + " container " + container.getName(), container, problems);
            checkShutdown(id + " container " + container.getName(), container, pod, problems);
        }

        Set<String> containerPortNames = pod.getContainers().stream()
                .flatMap(c -> Optional.ofNullable(c.getPorts()).orElse(List.of()).stream())
                .map(ContainerPort::getName).filter(Objects::nonNull).collect(Collectors.toSet());
        Set<Integer> containerPortNumbers = pod.getContainers().stream()
                .flatMap(c -> Optional.ofNullable(c.getPorts()).orElse(List.of()).stream())
                .map(ContainerPort::getContainerPort).collect(Collectors.toSet());
        List<Service> services = resources.services.values().stream()
                .filter(s -> s.getSpec() != null && s.getSpec().getSelector() != null && !s.getSpec().getSelector().isEmpty()
                        && podLabels.entrySet().containsAll(s.getSpec().getSelector().entrySet()))
                .toList();
        if (services.isEmpty()) {
            problems.add(id + ": no Service selects its pods");
        }
        for (Service service : services) {
            for (ServicePort port : Optional.ofNullable(service.getSpec().getPorts()).orElse(List.of())) {
                IntOrString target = port.getTargetPort();
                boolean resolves = target == null ? containerPortNumbers.contains(port.getPort())
                        : target.getStrVal() != null ? containerPortNames.contains(target.getStrVal())
                        : containerPortNumbers.contains(target.getIntVal());
                if (!resolves) {
                    problems.add(id + ": Service " + service.getMetadata().getName() + " port " + port.getName()
                            + " targets no container port");
                }
            }
        }
        boolean budget = resources.pdbs.values().stream().anyMatch(p -> p.getSpec() != null
                && p.getSpec().getSelector() != null && p.getSpec().getSelector().getMatchLabels() != null
                && !p.getSpec().getSelector().getMatchLabels().isEmpty()
                && podLabels.entrySet().containsAll(p.getSpec().getSelector().getMatchLabels().entrySet()));
        if (!budget) {
            problems.add(id + ": no PodDisruptionBudget selects its pods");
        }
    }

    private void checkContainer(String id, Container container, PodSpec pod, PodSecurityContext podSecurity,
                                Resources resources, List<String> problems) {
        checkImage(id, container.getImage(), problems);
        for (ContainerPort port : Optional.ofNullable(container.getPorts()).orElse(List.of())) {
            if (port.getName() == null || port.getName().isBlank()) {
                problems.add(id + ": port " + port.getContainerPort() + " has no name");
            }
        }
        // resources
        var requirements = container.getResources();
        Map<String, Quantity> requests = requirements == null || requirements.getRequests() == null ? Map.of() : requirements.getRequests();
        Map<String, Quantity> limits = requirements == null || requirements.getLimits() == null ? Map.of() : requirements.getLimits();
        for (String resource : List.of("cpu", "memory")) {
            if (!requests.containsKey(resource)) {
                problems.add(id + ": no " + resource + " request");
            }
        }
        if (!limits.containsKey("memory")) {
            problems.add(id + ": no memory limit (the JVM sizes its heap from it)");
        } else if (requests.containsKey("memory") && Quantity.getAmountInBytes(limits.get("memory"))
                .compareTo(Quantity.getAmountInBytes(requests.get("memory"))) < 0) {
            problems.add(id + ": memory limit below the request");
        }
        // restricted security context (Pod Security Standards "restricted", plus a read-only root file system)
        SecurityContext security = Optional.ofNullable(container.getSecurityContext()).orElse(new SecurityContext());
        Boolean runAsNonRoot = security.getRunAsNonRoot() != null ? security.getRunAsNonRoot() : podSecurity.getRunAsNonRoot();
        if (!Boolean.TRUE.equals(runAsNonRoot)) {
            problems.add(id + ": runAsNonRoot is not true");
        }
        Long user = security.getRunAsUser() != null ? security.getRunAsUser() : podSecurity.getRunAsUser();
        if (user != null && user == 0) {
            problems.add(id + ": runs as user 0");
        }
        if (!Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
            problems.add(id + ": allowPrivilegeEscalation is not false");
        }
        if (Boolean.TRUE.equals(security.getPrivileged())) {
            problems.add(id + ": privileged");
        }
        if (!Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
            problems.add(id + ": readOnlyRootFilesystem is not true");
        }
        var capabilities = security.getCapabilities();
        if (capabilities == null || capabilities.getDrop() == null || !capabilities.getDrop().contains("ALL")) {
            problems.add(id + ": capabilities do not drop ALL");
        }
        if (capabilities != null && capabilities.getAdd() != null
                && !Set.of("NET_BIND_SERVICE").containsAll(capabilities.getAdd())) {
            problems.add(id + ": adds capabilities " + capabilities.getAdd());
        }
        SeccompProfile seccomp = security.getSeccompProfile() != null ? security.getSeccompProfile() : podSecurity.getSeccompProfile();
        if (seccomp == null || !Set.of("RuntimeDefault", "Localhost").contains(seccomp.getType())) {
            problems.add(id + ": seccompProfile is not RuntimeDefault");
        }
        // the writable temp dir next to the read-only root file system
        boolean tmp = Optional.ofNullable(container.getVolumeMounts()).orElse(List.of()).stream()
                .filter(m -> "/tmp".equals(m.getMountPath()))
                .anyMatch(m -> Optional.ofNullable(pod.getVolumes()).orElse(List.of()).stream()
                        .anyMatch(v -> v.getName().equals(m.getName()) && v.getEmptyDir() != null));
        if (!tmp) {
            problems.add(id + ": no writable emptyDir at /tmp");
        }
        // settings and credentials
        for (EnvVar env : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
            checkSetting(id, env.getName(), env.getValue(), env.getValueFrom() != null
                    && env.getValueFrom().getSecretKeyRef() != null, problems);
        }
        for (EnvFromSource from : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
            if (from.getConfigMapRef() != null && resources.configMap(from.getConfigMapRef().getName()).isEmpty()
                    && !Boolean.TRUE.equals(from.getConfigMapRef().getOptional())) {
                problems.add(id + ": envFrom names the ConfigMap " + from.getConfigMapRef().getName() + " that is not rendered");
            }
            if (from.getSecretRef() != null) {
                problems.add(id + ": envFrom a whole Secret: reference keys one by one");
            }
        }
    }

    private static void checkSetting(String id, String name, String literal, boolean fromSecret, List<String> problems) {
        if (name.contains("DEV_SECRET")) {
            problems.add(id + ": " + name + " enables development tokens: never in a deployment");
            return;
        }
        if (SECRET_NAME.matcher(name).matches() && !fromSecret) {
            problems.add(id + ": " + name + " is not taken from a Secret");
        }
        if (literal != null && literal.matches("(?is).*password\\s*=\\s*\"?(?!\\$\\()[^\"\\s;]+.*")) {
            problems.add(id + ": " + name + " holds a literal password");
        }
    }

    private static void checkImage(String id, String image, List<String> problems) {
        var matcher = image == null ? null : IMAGE.matcher(image);
        if (matcher == null || !matcher.matches()) {
            problems.add(id + ": invalid image \"" + image + "\"");
            return;
        }
        if (matcher.group("digest") != null) {
            return;
        }
        String tag = matcher.group("tag");
        boolean pinned = tag != null && !tag.toUpperCase().contains("SNAPSHOT")
                && (VERSION_TAG.matcher(tag).matches() || COMMIT_TAG.matcher(tag).matches());
        if (!pinned) {
            problems.add(id + ": floating image tag \"" + image + "\" (pin a version or a digest)");
        }
    }

    private static void checkProbes(String id, Container container, List<String> problems) {
        Set<String> portNames = Optional.ofNullable(container.getPorts()).orElse(List.of()).stream()
                .map(ContainerPort::getName).filter(Objects::nonNull).collect(Collectors.toSet());
        Set<Integer> portNumbers = Optional.ofNullable(container.getPorts()).orElse(List.of()).stream()
                .map(ContainerPort::getContainerPort).collect(Collectors.toSet());
        Map<String, Probe> probes = new LinkedHashMap<>();
        probes.put("startupProbe", container.getStartupProbe());
        probes.put("livenessProbe", container.getLivenessProbe());
        probes.put("readinessProbe", container.getReadinessProbe());
        Map<String, String> paths = Map.of("startupProbe", LIVENESS_PATH, "livenessProbe", LIVENESS_PATH,
                "readinessProbe", READINESS_PATH);
        probes.forEach((name, probe) -> {
            if (probe == null) {
                problems.add(id + ": no " + name);
                return;
            }
            if (probe.getHttpGet() == null) {
                problems.add(id + ": " + name + " is not an HTTP check of the actuator health group");
                return;
            }
            if (!paths.get(name).equals(probe.getHttpGet().getPath())) {
                problems.add(id + ": " + name + " checks " + probe.getHttpGet().getPath() + " instead of " + paths.get(name));
            }
            IntOrString port = probe.getHttpGet().getPort();
            boolean resolves = port != null && (port.getStrVal() != null ? portNames.contains(port.getStrVal())
                    : portNumbers.contains(port.getIntVal()));
            if (!resolves) {
                problems.add(id + ": " + name + " port is not a container port");
            }
        });
    }

    private static void checkShutdown(String id, Container container, PodSpec pod, List<String> problems) {
        var preStop = container.getLifecycle() == null ? null : container.getLifecycle().getPreStop();
        if (preStop == null) {
            problems.add(id + ": no preStop delay (the pod would get requests after it began to stop)");
            return;
        }
        long delay = 0;
        if (preStop.getExec() != null && preStop.getExec().getCommand() != null) {
            List<String> command = preStop.getExec().getCommand();
            if (command.size() == 2 && command.get(0).equals("sleep") && command.get(1).matches("\\d+")) {
                delay = Long.parseLong(command.get(1));
            }
        } else if (preStop.getSleep() != null && preStop.getSleep().getSeconds() != null) {
            delay = preStop.getSleep().getSeconds();
        }
        long grace = pod.getTerminationGracePeriodSeconds() == null ? 30 : pod.getTerminationGracePeriodSeconds();
        if (grace <= delay) {
            problems.add(id + ": terminationGracePeriodSeconds " + grace + " leaves no time after the preStop delay " + delay);
        }
    }

    private static boolean targets(HorizontalPodAutoscaler hpa, Deployment deployment) {
        var ref = hpa.getSpec() == null ? null : hpa.getSpec().getScaleTargetRef();
        return ref != null && "Deployment".equals(ref.getKind())
                && deployment.getMetadata().getName().equals(ref.getName());
    }

    private static void checkService(Manifest manifest, Service service, List<String> problems) {
        for (ServicePort port : Optional.ofNullable(service.getSpec().getPorts()).orElse(List.of())) {
            if (port.getName() == null || port.getName().isBlank()) {
                problems.add(manifest.id() + ": port " + port.getPort() + " has no name");
            }
        }
    }

    private static void checkConfigMap(Manifest manifest, ConfigMap configMap, List<String> problems) {
        if (manifest.source().contains("dashboard")) {
            return;
        }
        Optional.ofNullable(configMap.getData()).orElse(Map.of())
                .forEach((key, value) -> checkSetting(manifest.id(), key, value, false, problems));
    }

    private static void checkHpa(Manifest manifest, HorizontalPodAutoscaler hpa, Resources resources, List<String> problems) {
        var spec = hpa.getSpec();
        if (resources.deployments.values().stream().noneMatch(d -> targets(hpa, d))) {
            problems.add(manifest.id() + ": scales no rendered Deployment");
        }
        if (spec.getMinReplicas() != null && spec.getMinReplicas() > spec.getMaxReplicas()) {
            problems.add(manifest.id() + ": minReplicas above maxReplicas");
        }
        resources.eventTopicPartitions().ifPresent(partitions -> {
            if (spec.getMaxReplicas() > partitions) {
                problems.add(manifest.id() + ": maxReplicas " + spec.getMaxReplicas() + " exceeds the topics' "
                        + partitions + " partitions");
            }
        });
    }

    private static void checkNetworkPolicy(Manifest manifest, NetworkPolicy policy, List<String> problems) {
        var selector = policy.getSpec().getPodSelector();
        if (selector == null || selector.getMatchLabels() == null || !selector.getMatchLabels().containsKey(INSTANCE_LABEL)) {
            problems.add(manifest.id() + ": applies to pods beyond the release's own");
        }
        List<String> types = Optional.ofNullable(policy.getSpec().getPolicyTypes()).orElse(List.of());
        if (!types.containsAll(List.of("Ingress", "Egress"))) {
            problems.add(manifest.id() + ": does not restrict both ingress and egress");
        }
    }

    // ---------------------------------------------------------------- custom resources

    private static void checkServiceMonitor(Manifest manifest, ServiceMonitor monitor, Resources resources,
                                            List<String> problems) {
        String id = manifest.id();
        var spec = monitor.getSpec();
        Map<String, String> selector = spec.getSelector() == null || spec.getSelector().getMatchLabels() == null
                ? Map.of() : spec.getSelector().getMatchLabels();
        List<Service> selected = resources.services.values().stream()
                .filter(s -> s.getMetadata().getLabels() != null
                        && s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .toList();
        if (selector.isEmpty() || selected.isEmpty()) {
            problems.add(id + ": selects none of the chart's Services");
        }
        if (spec.getEndpoints() == null || spec.getEndpoints().isEmpty()) {
            problems.add(id + ": no endpoints");
            return;
        }
        for (Endpoint endpoint : spec.getEndpoints()) {
            String port = Objects.requireNonNullElse(endpoint.getPort(), "");
            for (Service service : selected) {
                if (service.getSpec().getPorts().stream().noneMatch(p -> port.equals(p.getName()))) {
                    problems.add(id + ": endpoint port \"" + port + "\" is not a named port of " + service.getMetadata().getName());
                }
            }
            if (!"/actuator/prometheus".equals(endpoint.getPath())) {
                problems.add(id + ": endpoint path is not /actuator/prometheus");
            }
        }
    }

    private static void checkPrometheusRule(Manifest manifest, PrometheusRule prometheusRule, List<String> problems) {
        String id = manifest.id();
        List<RuleGroup> groups = prometheusRule.getSpec() == null ? null : prometheusRule.getSpec().getGroups();
        if (groups == null || groups.isEmpty()) {
            problems.add(id + ": no rule groups");
            return;
        }
        for (RuleGroup group : groups) {
            if (group.getName() == null || group.getName().isBlank() || group.getRules() == null) {
                problems.add(id + ": a group without name or rules");
                continue;
            }
            for (Rule rule : group.getRules()) {
                String name = rule.getAlert() != null ? rule.getAlert() : rule.getRecord();
                if ((rule.getAlert() == null) == (rule.getRecord() == null)) {
                    problems.add(id + ": a rule must be either an alert or a recording rule: " + name);
                }
                if (rule.getExpr() == null || Objects.toString(rule.getExpr().getValue(), "").isBlank()) {
                    problems.add(id + ": a rule without expr: " + name);
                }
                if (rule.getAlert() != null && (rule.getLabels() == null || !rule.getLabels().containsKey("severity"))) {
                    problems.add(id + ": alert " + rule.getAlert() + " has no severity");
                }
            }
        }
    }

    private static void checkKafkaTopic(Manifest manifest, KafkaTopic kafkaTopic, Resources resources, List<String> problems) {
        String id = manifest.id();
        var metadata = kafkaTopic.getMetadata();
        var spec = kafkaTopic.getSpec();
        if (metadata.getLabels() == null || Objects.toString(metadata.getLabels().get("strimzi.io/cluster"), "").isBlank()) {
            problems.add(id + ": no strimzi.io/cluster label (the topic operator would ignore it)");
        }
        if (!keptOnUninstall(metadata.getAnnotations())) {
            problems.add(id + ": not kept on uninstall (helm.sh/resource-policy: keep): the topic's history would be deleted");
        }
        if (spec == null || spec.getPartitions() == null || spec.getPartitions() < 1
                || spec.getReplicas() == null || spec.getReplicas() < 1) {
            problems.add(id + ": partitions and replicas must be positive numbers");
        }
        String topic = Resources.topicName(kafkaTopic);
        var dlt = DLT_TOPIC.matcher(topic);
        if (dlt.matches()) {
            if (!resources.topicNames().contains(dlt.group("topic"))) {
                problems.add(id + ": dead-letter topic of " + dlt.group("topic") + ", which is not rendered");
            }
        } else if (topic.matches("csp\\.[a-z]+\\.events")) {
            Map<String, Object> config = spec == null || spec.getConfig() == null ? Map.of() : spec.getConfig();
            for (String key : List.of("retention.ms", "retention.bytes")) {
                if (!"-1".equals(String.valueOf(config.get(key)))) {
                    problems.add(id + ": event topic " + topic + " must keep its history (" + key + ": -1)");
                }
            }
        } else {
            problems.add(id + ": topic " + topic + " is neither an event topic nor <topic>.<consumer-group>.dlt");
        }
    }

    private static boolean keptOnUninstall(Map<String, String> annotations) {
        return annotations != null && "keep".equals(annotations.get("helm.sh/resource-policy"));
    }

    /** The fields of a CloudNativePG Cluster (postgresql.cnpg.io/v1) spec and of its bootstrap.initdb. */
    private static final Set<String> CNPG_SPEC = Set.of("description", "instances", "imageName", "imageCatalogRef",
            "imagePullPolicy", "imagePullSecrets", "bootstrap", "storage", "walStorage", "tablespaces", "postgresql",
            "resources", "monitoring", "backup", "affinity", "topologySpreadConstraints", "primaryUpdateStrategy",
            "primaryUpdateMethod", "enableSuperuserAccess", "superuserSecret", "minSyncReplicas", "maxSyncReplicas",
            "startDelay", "stopDelay", "smartShutdownTimeout", "switchoverDelay", "failoverDelay", "logLevel",
            "inheritedMetadata", "managed", "replica", "externalClusters", "certificates", "serviceAccountTemplate",
            "priorityClassName", "schedulerName", "env", "envFrom", "ephemeralVolumeSource", "ephemeralVolumesSizeLimit",
            "projectedVolumeTemplate", "nodeMaintenanceWindow", "enablePDB", "plugins", "probes", "livenessProbeTimeout",
            "postgresUID", "postgresGID", "seccompProfile", "podSecurityContext", "securityContext");
    private static final Set<String> CNPG_INITDB = Set.of("database", "owner", "secret", "options", "dataChecksums",
            "encoding", "localeCollate", "localeCType", "locale", "localeProvider", "icuLocale", "icuRules",
            "builtinLocale", "walSegmentSize", "postInitSQL", "postInitApplicationSQL", "postInitTemplateSQL",
            "postInitSQLRefs", "postInitApplicationSQLRefs", "postInitTemplateSQLRefs", "import");

    private static void unknownKeys(String id, String path, JsonNode node, Set<String> allowed, List<String> problems) {
        if (node == null || !node.isObject()) {
            return;
        }
        StreamSupport.stream(((Iterable<String>) node::fieldNames).spliterator(), false)
                .filter(name -> !allowed.contains(name))
                .forEach(name -> problems.add(id + ": unknown field \"" + name + "\" at " + path));
    }

    private static void checkCnpgCluster(Manifest manifest, Resources resources, List<String> problems) {
        String id = manifest.id();
        JsonNode tree = manifest.tree();
        JsonNode spec = tree.path("spec");
        JsonNode initdb = spec.path("bootstrap").path("initdb");
        unknownKeys(id, "/spec", spec, CNPG_SPEC, problems);
        unknownKeys(id, "/spec/bootstrap/initdb", initdb, CNPG_INITDB, problems);
        if (!"keep".equals(tree.path("metadata").path("annotations").path("helm.sh/resource-policy").asText())) {
            problems.add(id + ": not kept on uninstall (helm.sh/resource-policy: keep): the database would be deleted");
        }
        if (spec.path("instances").asInt(0) < 1) {
            problems.add(id + ": instances must be at least 1");
        }
        if (spec.path("storage").path("size").asText("").isBlank()) {
            problems.add(id + ": no storage size");
        }
        if (initdb.path("database").asText("").isBlank() || initdb.path("owner").asText("").isBlank()) {
            problems.add(id + ": bootstrap.initdb needs database and owner");
        }
        String host = "//" + manifest.name() + "-rw:5432/" + initdb.path("database").asText();
        boolean used = resources.configMaps.values().stream().anyMatch(c -> c.getData() != null
                && c.getData().getOrDefault("DATABASE_URL", "").endsWith(host));
        if (!used) {
            problems.add(id + ": no service's DATABASE_URL points to its read-write service " + host);
        }
    }

    /** The typed resources, by kind. */
    static final class Resources {
        final Map<Manifest, Deployment> deployments;
        final Map<Manifest, Service> services;
        final Map<Manifest, ConfigMap> configMaps;
        final Map<Manifest, PodDisruptionBudget> pdbs;
        final Map<Manifest, HorizontalPodAutoscaler> hpas;
        final Map<Manifest, NetworkPolicy> networkPolicies;
        final Map<Manifest, ServiceAccount> serviceAccounts;
        final Map<Manifest, ServiceMonitor> serviceMonitors;
        final Map<Manifest, PrometheusRule> prometheusRules;
        final Map<Manifest, KafkaTopic> kafkaTopics;

        Resources(Map<Manifest, KubernetesResource> typed) {
            deployments = of(typed, Deployment.class);
            services = of(typed, Service.class);
            configMaps = of(typed, ConfigMap.class);
            pdbs = of(typed, PodDisruptionBudget.class);
            hpas = of(typed, HorizontalPodAutoscaler.class);
            networkPolicies = of(typed, NetworkPolicy.class);
            serviceAccounts = of(typed, ServiceAccount.class);
            serviceMonitors = of(typed, ServiceMonitor.class);
            prometheusRules = of(typed, PrometheusRule.class);
            kafkaTopics = of(typed, KafkaTopic.class);
        }

        private static <T> Map<Manifest, T> of(Map<Manifest, KubernetesResource> typed, Class<T> kind) {
            Map<Manifest, T> resources = new LinkedHashMap<>();
            typed.forEach((manifest, resource) -> {
                if (kind.isInstance(resource)) {
                    resources.put(manifest, kind.cast(resource));
                }
            });
            return resources;
        }

        Optional<ConfigMap> configMap(String name) {
            return configMaps.values().stream().filter(c -> name.equals(c.getMetadata().getName())).findFirst();
        }

        /** The topic's name: spec.topicName, else the resource's name (as the Strimzi topic operator does). */
        static String topicName(KafkaTopic topic) {
            return topic.getSpec() != null && topic.getSpec().getTopicName() != null
                    ? topic.getSpec().getTopicName() : topic.getMetadata().getName();
        }

        Set<String> topicNames() {
            return kafkaTopics.values().stream().map(Resources::topicName).collect(Collectors.toSet());
        }

        /** The smallest partition count of the rendered event topics, when topics are rendered. */
        Optional<Integer> eventTopicPartitions() {
            return kafkaTopics.values().stream().filter(t -> !topicName(t).endsWith(".dlt"))
                    .map(t -> t.getSpec() == null ? null : t.getSpec().getPartitions()).filter(Objects::nonNull)
                    .min(Integer::compareTo);
        }
    }
}
