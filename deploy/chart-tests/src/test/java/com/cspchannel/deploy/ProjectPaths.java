package com.cspchannel.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the deployment files are, seen from this module (deploy/chart-tests). */
final class ProjectPaths {

    private ProjectPaths() {
    }

    /** The repository root (the directory with deploy/helm). */
    static Path root() {
        Path dir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isDirectory(candidate.resolve("deploy/helm/csp-channel"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("deploy/helm/csp-channel not found above " + dir);
    }

    static Path chart() {
        return root().resolve("deploy/helm/csp-channel");
    }

    static Path productionValues() {
        return root().resolve("deploy/helm/values-production.yaml");
    }

    static Path rules() {
        return chart().resolve("files/prometheus/csp-rules.yaml");
    }

    static Path rulesTests() {
        return root().resolve("deploy/monitoring/csp-rules.test.yaml");
    }

    static Path dashboard() {
        return chart().resolve("files/grafana/csp-overview.json");
    }

    static Path dockerfile() {
        return root().resolve("deploy/docker/Dockerfile");
    }

    /** The Docker build context Maven prepares: {@code <service>/target/<service>-<version>-exec.jar}. */
    static Path dockerContext() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("target/docker-context");
    }

    /** Test resources of this module (values files for the negative cases). */
    static Path testResource(String name) {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("src/test/resources").resolve(name);
    }
}
