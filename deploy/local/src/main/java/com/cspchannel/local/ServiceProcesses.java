package com.cspchannel.local;

import com.cspchannel.infra.DevTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Each service as its own JVM from its executable jar, configured through its environment, its output in its log;
 * reports services that end on their own, and stops them all.
 */
final class ServiceProcesses {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Logger log = LoggerFactory.getLogger(ServiceProcesses.class);
    private final StackDirectory dir;
    private final Shutdown shutdown;
    private final Map<ServiceSpec, Process> running = new LinkedHashMap<>();
    private final Set<ServiceSpec> reported = new HashSet<>();

    ServiceProcesses(StackDirectory dir, Shutdown shutdown) {
        this.dir = dir;
        this.shutdown = shutdown;
    }

    /** The processes started, in start order. */
    Map<ServiceSpec, Process> running() {
        return Collections.unmodifiableMap(running);
    }

    void start(ServiceSpec service, Infrastructure infrastructure) {
        Path jar = service.executableJar(dir.root).orElseThrow(() -> new StartupFailure("its executable jar "
                + service.module() + "/target/" + service.name() + "-<version>-exec.jar is missing. Build it first: "
                + "./mvnw install -DskipTests", service.name(), null));
        warnIfStale(service, jar);
        Env.requireFree(service.port(), service.name(), service.portVariable());
        Path serviceLog = dir.logOf(service);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(Env.or("SERVICE_JAVA_OPTS", "-Xms64m -Xmx512m -XX:+UseSerialGC").trim()
                .split("\\s+")));
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.root.toFile());
        Map<String, String> env = builder.environment();
        var postgres = infrastructure.postgres();
        env.put("PORT", Integer.toString(service.port()));
        env.put("DATABASE_URL", postgres.jdbcUrl(service.database()));
        env.put("DATABASE_USER", postgres.user());
        env.put("DATABASE_PASSWORD", postgres.password() == null ? "" : postgres.password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.bootstrapServers());
        env.put("CSP_SECURITY_DEV_SECRET", DevTokens.DEV_SECRET);
        if (infrastructure.mail() != null && service.name().equals("notification-service")) {
            env.put("SPRING_MAIL_HOST", "127.0.0.1");
            env.put("SPRING_MAIL_PORT", Integer.toString(infrastructure.mail().smtpPort()));
        }
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(serviceLog.toFile()));
        try {
            Files.writeString(serviceLog, "\n" + StackDirectory.START_MARK + " " + service.name() + " at "
                    + Instant.now() + " (" + jar.getFileName() + ", port " + service.port() + ") ====\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            log.info("starting {} on port {}… (log {})", service.name(), service.port(), dir.display(serviceLog));
            shutdown.unlessRequested(() -> {
                try {
                    Process process = builder.start();
                    running.put(service, process);
                    Lock.recordChild(dir.state, process.pid(), service.name());
                    return process;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new StartupFailure("cannot start java: " + e.getMessage(), service.name(), serviceLog);
        }
    }

    private void warnIfStale(ServiceSpec service, Path jar) {
        FileTime built = StackDirectory.lastModified(jar);
        Path sources = dir.root.resolve(service.module()).resolve("src").resolve("main");
        try (Stream<Path> files = Files.walk(sources)) {
            Optional<Path> newer = files.filter(Files::isRegularFile)
                    .filter(f -> StackDirectory.lastModified(f).compareTo(built) > 0).findFirst();
            newer.ifPresent(f -> log.warn("{}: {} is newer than {}: you may be running old code "
                    + "(rebuild with ./mvnw install -DskipTests)", service.name(), dir.display(f), dir.display(jar)));
        } catch (IOException | UncheckedIOException e) {
            // no sources to compare with
        }
    }

    /** Reports (once) each service that ended on its own: the others keep running until Ctrl-C. */
    void reportExits() {
        running.forEach((service, process) -> {
            if (!process.isAlive() && reported.add(service)) {
                log.error("{} exited on its own with code {}; see its log: {} (Ctrl-C stops the rest)",
                        service.name(), process.exitValue(), dir.display(dir.logOf(service)));
            }
        });
    }

    /** In reverse start order: SIGTERM to all, then a kill for those not gone within 30 s. */
    void stop() {
        List<ServiceSpec> order = new ArrayList<>(running.keySet());
        Collections.reverse(order);
        order.forEach(s -> running.get(s).destroy());
        Instant deadline = Instant.now().plus(STOP_GRACE);
        for (ServiceSpec service : order) {
            Process process = running.get(service);
            try {
                long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
                if (!process.waitFor(left, TimeUnit.MILLISECONDS)) {
                    log.warn("{} did not stop within {} s: killing it", service.name(), STOP_GRACE.toSeconds());
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                log.info("{} stopped", service.name());
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }
    }
}
