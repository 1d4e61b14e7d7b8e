package com.cspchannel.system;

import com.cspchannel.infra.DevTokens;
import com.cspchannel.infra.FreePorts;
import com.cspchannel.infra.HttpApi;
import com.cspchannel.infra.KafkaBroker;
import com.cspchannel.infra.MailServer;
import com.cspchannel.infra.Postgres;
import com.cspchannel.infra.ServiceProcess;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The whole system as it runs for real, once per test JVM: a Kafka broker process, a PostgreSQL server of its own
 * (embedded, on a free port, so that a test may restart it) with one database per service, an SMTP server ({@link MailServer#shared()}) the notification service delivers to, and the four services as their own processes from their executable jars (built by the
 * reactor before this module), on free ports. Tests talk to it through HTTP and Kafka, and may count what a
 * service's event store holds ({@link #storedEvents}).
 */
final class SystemStack {

    static final List<String> TOPICS = List.of("csp.partnerships.events", "csp.customers.events",
            "csp.subscriptions.events");
    static final DevTokens TOKENS = DevTokens.withDevSecret();
    private static SystemStack instance;

    private final KafkaBroker broker;
    private final Postgres postgres;
    private final SpanCollector spans = new SpanCollector();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> replicas = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> environments = new LinkedHashMap<>();
    private final Path root;
    private final Path logs;

    private SystemStack() {
        root = repoRoot();
        logs = root.resolve("system-tests").resolve("target").resolve("system-logs");
        broker = KafkaBroker.onFreePorts().start();
        broker.createTopics(TOPICS, 3, -1);
        // a server of the stack's own, on a free port, so that a test may restart it (never the machine's shared one)
        try {
            postgres = Postgres.embeddedOwn(Files.createTempDirectory("csp-system-pg"), FreePorts.next());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String name : List.of("partnership", "customer", "subscription", "notification")) {
            String service = name + "-service";
            int port = FreePorts.next();
            Map<String, String> env = new LinkedHashMap<>();
            env.put("DATABASE_URL", postgres.createFreshDatabase("st_" + name));
            env.put("DATABASE_USER", postgres.user());
            env.put("DATABASE_PASSWORD", postgres.password() == null ? "" : postgres.password());
            env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
            env.put("CSP_SECURITY_DEV_SECRET", DevTokens.DEV_SECRET);
            // up to eight service processes share one PostgreSQL (max_connections is often 100): small pools
            env.put("DATABASE_POOL_SIZE", "6");
            // every service exports its spans to the test's collector, as it would to an OpenTelemetry collector
            env.put("MANAGEMENT_OTLP_TRACING_ENDPOINT", spans.endpoint());
            if (name.equals("notification")) {
                // a real SMTP server: every notification is a mail the tests can count
                env.put("SPRING_MAIL_HOST", "127.0.0.1");
                env.put("SPRING_MAIL_PORT", Integer.toString(MailServer.shared().smtpPort()));
            }
            environments.put(name, env);
            services.put(name, process(name, service + ".log", port));
        }
        services.values().forEach(ServiceProcess::start);
        services.values().forEach(service -> service.awaitReady(Duration.ofSeconds(180)));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "system-stack-stop"));
    }

    static synchronized SystemStack get() {
        if (instance == null) {
            instance = new SystemStack();
        }
        return instance;
    }

    private ServiceProcess process(String name, String logName, int port) {
        Map<String, String> env = new LinkedHashMap<>(environments.get(name));
        env.put("PUBLIC_BASE_URL", "http://127.0.0.1:" + port);
        String service = name + "-service";
        return new ServiceProcess(service, executableJar(root, service), port, env, logs.resolve(logName),
                List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    }

    /**
     * A second replica of service {@code name}, as the chart runs it: the same database and broker, its own port.
     * Started on first use and kept until the stack stops (or {@link #removeReplica}).
     */
    synchronized ServiceProcess replica(String name) {
        ServiceProcess replica = replicas.computeIfAbsent(name,
                n -> process(n, n + "-service-replica.log", FreePorts.next()));
        if (!replica.isAlive()) {
            replica.start().awaitReady(Duration.ofSeconds(180));
        }
        return replica;
    }

    /** Stops the second replica of {@code name}, if one runs, so that later tests see the stack they expect. */
    synchronized void removeReplica(String name) {
        ServiceProcess replica = replicas.remove(name);
        if (replica != null) {
            replica.stop();
        }
    }

    /**
     * How many events of type {@code eventType} (the simple name of a published event, e.g. {@code
     * PartnershipAccepted}) in service {@code name}'s event store mention {@code text} in their payload.
     */
    long storedEvents(String name, String eventType, String text) {
        Map<String, String> env = environments.get(name);
        try (Connection db = DriverManager.getConnection(env.get("DATABASE_URL"), env.get("DATABASE_USER"),
                env.get("DATABASE_PASSWORD"));
             PreparedStatement count = db.prepareStatement("select count(*) from domain_event_entry "
                     + "where payload_type like ? and position(? in convert_from(payload, 'UTF8')) > 0")) {
            count.setString(1, "%." + eventType);
            count.setString(2, text);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the events of " + name, e);
        }
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /**
     * Waits until consumer group {@code group} has committed, on every partition of {@code topic}, the offset
     * the partition ends at now: a positive sign that it processed every record published so far (a consumer
     * commits after it applied a record), instead of waiting a fixed time for something not to happen.
     */
    void awaitConsumed(String group, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new LinkedHashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                return ends.entrySet().stream().allMatch(end -> end.getValue() == 0 || (committed.get(end.getKey())
                        != null && committed.get(end.getKey()).offset() >= end.getValue()));
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of " + group + " on " + topic, e);
        }
    }

    /** Stops the broker cleanly, leaves it down for {@code down}, and starts it again on its ports and data. */
    void restartBroker(Duration down) {
        broker.stop();
        try {
            Thread.sleep(down.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        broker.start();
    }

    /** Stops the stack's PostgreSQL (every service's database), leaves it down for {@code down}, starts it again. */
    void restartDatabase(Duration down) {
        postgres.restart(down);
    }

    /** The spans the services exported (every one sampled: a caller's sampled traceparent is followed). */
    SpanCollector spans() {
        return spans;
    }

    boolean brokerRunning() {
        return broker.isRunning();
    }

    ServiceProcess service(String name) {
        return services.get(name);
    }

    HttpApi api(String name) {
        return new HttpApi(services.get(name).port());
    }

    private void stop() {
        // every service at once: one after another, eight graceful shutdowns outlast the time the test JVM has to
        // exit, and the last ones would be left running
        List<Thread> stopping = Stream.concat(replicas.values().stream(), services.values().stream())
                .map(service -> new Thread(service::stop, "stop-" + service)).toList();
        stopping.forEach(Thread::start);
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        broker.stop();
        postgres.close();
        spans.close();
    }

    /** The executable jar of {@code service}, as the reactor built it. */
    static Path executableJar(String service) {
        return executableJar(repoRoot(), service);
    }

    /** Where a process this module starts writes its log. */
    static Path logFile(String name) {
        return repoRoot().resolve("system-tests").resolve("target").resolve("system-logs").resolve(name);
    }

    private static Path executableJar(Path root, String service) {
        Path target = root.resolve(service).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no executable jar in " + target
                            + ": build the services first (./mvnw verify builds them before this module)"));
        } catch (IOException e) {
            throw new UncheckedIOException("no build output in " + target, e);
        }
    }

    private static Path repoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root (mvnw) above " + Path.of("").toAbsolutePath());
    }
}
