package com.cspchannel.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
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
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
 * fabric8 Kubernetes model without unknown fields, only expected kinds and API versions appear, and every
 * Deployment is production-shaped (probes on the actuator groups, resources, restricted security context, pinned
 * image, graceful shutdown, a Service and a PodDisruptionBudget). Custom resources (ServiceMonitor, PrometheusRule,
 * KafkaTopic, CloudNativePG Cluster) are not in the fabric8 core model: they are checked field by field here.
 */
final class ManifestValidator {

    /** Core kinds the chart may render and their API versions. */
    static final Map<String, String> CORE_KINDS = Map.of(
            "Deployment", "apps/v1",
            "Service", "v1",
            "ConfigMap", "v1",
            "ServiceAccount", "v1",
            "PodDisruptionBudget", "policy/v1",
            "HorizontalPodAutoscaler", "autoscaling/v2",
            "NetworkPolicy", "networking.k8s.io/v1");

    /** Custom resources the chart may render (optional, behind values) and their API versions. */
    static final Map<String, String> CUSTOM_KINDS = Map.of(
            "ServiceMonitor", "monitoring.coreos.com/v1",
            "PrometheusRule", "monitoring.coreos.com/v1",
            "KafkaTopic", "kafka.strimzi.io/v1beta2",
            "Cluster", "postgresql.cnpg.io/v1");

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

    private final KubernetesSerialization serialization = new KubernetesSerialization();

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
            } else if (CORE_KINDS.containsKey(kind)) {
                if (!CORE_KINDS.get(kind).equals(manifest.apiVersion())) {
                    problems.add(manifest.id() + ": wrong apiVersion " + manifest.apiVersion() + " (expected "
                            + CORE_KINDS.get(kind) + ")");
                    continue;
                }
                parseStrictly(manifest, problems).ifPresent(resource -> typed.put(manifest, resource));
            } else if (CUSTOM_KINDS.containsKey(kind)) {
                if (!CUSTOM_KINDS.get(kind).equals(manifest.apiVersion())) {
                    problems.add(manifest.id() + ": wrong apiVersion " + manifest.apiVersion() + " (expected "
                            + CUSTOM_KINDS.get(kind) + ")");
                }
            } else {
                problems.add(manifest.id() + ": unexpected kind \"" + kind + "\" (apiVersion " + manifest.apiVersion() + ")");
            }
        }
        Resources resources = new Resources(manifests, typed);
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
        for (Manifest manifest : manifests) {
            switch (manifest.kind()) {
                case "ServiceMonitor" -> checkServiceMonitor(manifest, resources, problems);
                case "PrometheusRule" -> checkPrometheusRule(manifest, problems);
                case "KafkaTopic" -> checkKafkaTopic(manifest, resources, problems);
                case "Cluster" -> checkCnpgCluster(manifest, resources, problems);
                default -> {
                }
            }
        }
        return problems;
    }

    // ---------------------------------------------------------------- parsing

    private Optional<KubernetesResource> parseStrictly(Manifest manifest, List<String> problems) {
        Class<? extends KubernetesResource> registered =
                serialization.getRegisteredKubernetesResource(manifest.apiVersion(), manifest.kind());
        if (registered == null) {
            problems.add(manifest.id() + ": kind not known to the Kubernetes model");
            return Optional.empty();
        }
        KubernetesResource resource;
        try {
            resource = serialization.unmarshal(manifest.yaml(), registered);
        } catch (RuntimeException e) {
            problems.add(manifest.id() + ": does not parse as " + registered.getSimpleName() + ": " + e.getMessage());
            return Optional.empty();
        }
        unknownFields(resource, manifest.kind(), manifest, problems, 0);
        return Optional.of(resource);
    }

    /** Fabric8 keeps fields it does not know (misspelt, misplaced or wrongly typed) in additionalProperties. */
    private void unknownFields(Object value, String path, Manifest manifest, List<String> problems, int depth) {
        if (value == null || depth > 40) {
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                unknownFields(item, path + "[" + i++ + "]", manifest, problems, depth + 1);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> unknownFields(item, path + "." + key, manifest, problems, depth + 1));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.") || value instanceof GenericKubernetesResource) {
            return;
        }
        for (Method method : value.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
                    || !method.getName().startsWith("get") || method.getName().equals("getClass")) {
                continue;
            }
            Class<?> type = method.getReturnType();
            boolean nested = type.getName().startsWith("io.fabric8.") || Collection.class.isAssignableFrom(type)
                    || Map.class.isAssignableFrom(type);
            if (!nested) {
                continue;
            }
            Object child;
            try {
                child = method.invoke(value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (method.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(manifest.id() + ": unknown field(s) at " + path + ": " + extra.keySet());
                }
                continue;
            }
            String name = method.getName().substring(3);
            name = name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
            unknownFields(child, path + "." + name, manifest, problems, depth + 1);
        }
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

    private static final Set<String> SERVICE_MONITOR_SPEC = Set.of("jobLabel", "targetLabels", "podTargetLabels",
            "endpoints", "selector", "selectorMechanism", "namespaceSelector", "sampleLimit", "targetLimit",
            "labelLimit", "labelNameLengthLimit", "labelValueLengthLimit", "attachMetadata", "scrapeProtocols",
            "fallbackScrapeProtocol", "keepDroppedTargets", "scrapeClass", "bodySizeLimit");
    private static final Set<String> SERVICE_MONITOR_ENDPOINT = Set.of("port", "targetPort", "path", "scheme",
            "params", "interval", "scrapeTimeout", "tlsConfig", "bearerTokenFile", "bearerTokenSecret", "authorization",
            "honorLabels", "honorTimestamps", "trackTimestampsStaleness", "basicAuth", "oauth2", "metricRelabelings",
            "relabelings", "proxyUrl", "noProxy", "proxyFromEnvironment", "proxyConnectHeader", "followRedirects",
            "enableHttp2", "filterRunning");
    private static final Set<String> RULE_GROUP = Set.of("name", "interval", "rules", "limit",
            "partial_response_strategy", "query_offset", "labels");
    private static final Set<String> RULE = Set.of("alert", "record", "expr", "for", "keep_firing_for", "labels",
            "annotations");
    private static final Set<String> KAFKA_TOPIC_SPEC = Set.of("topicName", "partitions", "replicas", "config");
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
        List<String> unknown = StreamSupport.stream(((Iterable<String>) node::fieldNames).spliterator(), false)
                .filter(name -> !allowed.contains(name)).toList();
        if (!unknown.isEmpty()) {
            problems.add(id + ": unknown field(s) at " + path + ": " + unknown);
        }
    }

    private static void checkServiceMonitor(Manifest manifest, Resources resources, List<String> problems) {
        String id = manifest.id();
        JsonNode spec = manifest.tree().path("spec");
        unknownKeys(id, "spec", spec, SERVICE_MONITOR_SPEC, problems);
        Map<String, String> selector = new HashMap<>();
        spec.path("selector").path("matchLabels").fields().forEachRemaining(e -> selector.put(e.getKey(), e.getValue().asText()));
        List<Service> selected = resources.services.values().stream()
                .filter(s -> s.getMetadata().getLabels() != null
                        && s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .toList();
        if (selector.isEmpty() || selected.isEmpty()) {
            problems.add(id + ": selects none of the chart's Services");
        }
        if (!spec.path("endpoints").isArray() || spec.path("endpoints").isEmpty()) {
            problems.add(id + ": no endpoints");
        }
        for (JsonNode endpoint : spec.path("endpoints")) {
            unknownKeys(id, "spec.endpoints[]", endpoint, SERVICE_MONITOR_ENDPOINT, problems);
            String port = endpoint.path("port").asText("");
            for (Service service : selected) {
                boolean has = service.getSpec().getPorts().stream().anyMatch(p -> port.equals(p.getName()));
                if (!has) {
                    problems.add(id + ": endpoint port \"" + port + "\" is not a named port of " + service.getMetadata().getName());
                }
            }
            if (!"/actuator/prometheus".equals(endpoint.path("path").asText())) {
                problems.add(id + ": endpoint path is not /actuator/prometheus");
            }
        }
    }

    private static void checkPrometheusRule(Manifest manifest, List<String> problems) {
        String id = manifest.id();
        JsonNode spec = manifest.tree().path("spec");
        unknownKeys(id, "spec", spec, Set.of("groups"), problems);
        if (!spec.path("groups").isArray() || spec.path("groups").isEmpty()) {
            problems.add(id + ": no rule groups");
        }
        for (JsonNode group : spec.path("groups")) {
            unknownKeys(id, "spec.groups[]", group, RULE_GROUP, problems);
            if (group.path("name").asText("").isBlank() || !group.path("rules").isArray()) {
                problems.add(id + ": a group without name or rules");
            }
            for (JsonNode rule : group.path("rules")) {
                unknownKeys(id, "spec.groups[].rules[]", rule, RULE, problems);
                if (rule.has("alert") == rule.has("record")) {
                    problems.add(id + ": a rule must be either an alert or a recording rule: " + rule);
                }
                if (rule.path("expr").asText("").isBlank()) {
                    problems.add(id + ": a rule without expr: " + rule);
                }
                if (rule.has("alert") && !rule.path("labels").has("severity")) {
                    problems.add(id + ": alert " + rule.path("alert").asText() + " has no severity");
                }
            }
        }
    }

    private static void checkKafkaTopic(Manifest manifest, Resources resources, List<String> problems) {
        String id = manifest.id();
        JsonNode tree = manifest.tree();
        JsonNode spec = tree.path("spec");
        unknownKeys(id, "spec", spec, KAFKA_TOPIC_SPEC, problems);
        if (tree.path("metadata").path("labels").path("strimzi.io/cluster").asText("").isBlank()) {
            problems.add(id + ": no strimzi.io/cluster label (the topic operator would ignore it)");
        }
        if (!"keep".equals(tree.path("metadata").path("annotations").path("helm.sh/resource-policy").asText())) {
            problems.add(id + ": not kept on uninstall (helm.sh/resource-policy: keep): the topic's history would be deleted");
        }
        if (!spec.path("partitions").canConvertToInt() || spec.path("partitions").asInt() < 1
                || !spec.path("replicas").canConvertToInt() || spec.path("replicas").asInt() < 1) {
            problems.add(id + ": partitions and replicas must be positive numbers");
        }
        String topic = spec.path("topicName").asText(manifest.name());
        var dlt = DLT_TOPIC.matcher(topic);
        if (dlt.matches()) {
            if (!resources.topicNames().contains(dlt.group("topic"))) {
                problems.add(id + ": dead-letter topic of " + dlt.group("topic") + ", which is not rendered");
            }
        } else if (topic.matches("csp\\.[a-z]+\\.events")) {
            for (String key : List.of("retention.ms", "retention.bytes")) {
                if (!"-1".equals(spec.path("config").path(key).asText())) {
                    problems.add(id + ": event topic " + topic + " must keep its history (" + key + ": -1)");
                }
            }
        } else {
            problems.add(id + ": topic " + topic + " is neither an event topic nor <topic>.<consumer-group>.dlt");
        }
    }

    private static void checkCnpgCluster(Manifest manifest, Resources resources, List<String> problems) {
        String id = manifest.id();
        JsonNode tree = manifest.tree();
        JsonNode spec = tree.path("spec");
        unknownKeys(id, "spec", spec, CNPG_SPEC, problems);
        unknownKeys(id, "spec.bootstrap.initdb", spec.path("bootstrap").path("initdb"), CNPG_INITDB, problems);
        if (!"keep".equals(tree.path("metadata").path("annotations").path("helm.sh/resource-policy").asText())) {
            problems.add(id + ": not kept on uninstall (helm.sh/resource-policy: keep): the database would be deleted");
        }
        if (spec.path("instances").asInt(0) < 1) {
            problems.add(id + ": instances must be at least 1");
        }
        if (spec.path("storage").path("size").asText("").isBlank()) {
            problems.add(id + ": no storage size");
        }
        JsonNode initdb = spec.path("bootstrap").path("initdb");
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
        final Map<Manifest, Deployment> deployments = new LinkedHashMap<>();
        final Map<Manifest, Service> services = new LinkedHashMap<>();
        final Map<Manifest, ConfigMap> configMaps = new LinkedHashMap<>();
        final Map<Manifest, PodDisruptionBudget> pdbs = new LinkedHashMap<>();
        final Map<Manifest, HorizontalPodAutoscaler> hpas = new LinkedHashMap<>();
        final Map<Manifest, NetworkPolicy> networkPolicies = new LinkedHashMap<>();
        final Map<Manifest, ServiceAccount> serviceAccounts = new LinkedHashMap<>();
        final List<Manifest> all;

        Resources(List<Manifest> all, Map<Manifest, KubernetesResource> typed) {
            this.all = all;
            typed.forEach((manifest, resource) -> {
                if (resource instanceof Deployment d) {
                    deployments.put(manifest, d);
                } else if (resource instanceof Service s) {
                    services.put(manifest, s);
                } else if (resource instanceof ConfigMap c) {
                    configMaps.put(manifest, c);
                } else if (resource instanceof PodDisruptionBudget p) {
                    pdbs.put(manifest, p);
                } else if (resource instanceof HorizontalPodAutoscaler h) {
                    hpas.put(manifest, h);
                } else if (resource instanceof NetworkPolicy n) {
                    networkPolicies.put(manifest, n);
                } else if (resource instanceof ServiceAccount a) {
                    serviceAccounts.put(manifest, a);
                }
            });
        }

        Optional<ConfigMap> configMap(String name) {
            return configMaps.values().stream().filter(c -> name.equals(c.getMetadata().getName())).findFirst();
        }

        Set<String> topicNames() {
            return all.stream().filter(m -> m.kind().equals("KafkaTopic"))
                    .map(m -> m.tree().path("spec").path("topicName").asText(m.name())).collect(Collectors.toSet());
        }

        /** The smallest partition count of the rendered event topics, when topics are rendered. */
        Optional<Integer> eventTopicPartitions() {
            return all.stream().filter(m -> m.kind().equals("KafkaTopic"))
                    .filter(m -> !m.tree().path("spec").path("topicName").asText("").endsWith(".dlt"))
                    .map(m -> m.tree().path("spec").path("partitions").asInt())
                    .min(Integer::compareTo);
        }
    }
}
