package com.cspchannel.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One service of the local stack: its name (also the name of its log), the Maven module that builds its
 * executable jar, the port it listens on and its own database.
 *
 * @param name     service name, e.g. {@code partnership-service}
 * @param module   module directory relative to the repository root
 * @param port     HTTP port
 * @param database name of its PostgreSQL database (created when missing)
 */
record ServiceSpec(String name, String module, int port, String database) {

    /** The Spring Boot executable jar (classifier {@code exec}) the module's build produced, if any. */
    Optional<Path> executableJar(Path repoRoot) {
        Path target = repoRoot.resolve(module).resolve("target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().startsWith(name + "-"))
                    .filter(f -> f.getFileName().toString().endsWith("-exec.jar"))
                    .max(Comparator.comparing(StackDirectory::lastModified));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The environment variable that sets its port, e.g. PARTNERSHIP_PORT. */
    String portVariable() {
        return name.replace("-service", "").toUpperCase(Locale.ROOT) + "_PORT";
    }
}
