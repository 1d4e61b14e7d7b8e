package com.cspchannel.local;

import com.cspchannel.events.Topics;
import com.cspchannel.infra.DevTokens;
import com.cspchannel.infra.KafkaBroker;
import com.cspchannel.infra.Postgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Runs the whole system on this machine until Ctrl-C: PostgreSQL (found or embedded), a Kafka broker with the
 * public topics, and every service of {@link #services()} as its own process from its executable jar. Prints
 * the URLs and development tokens when everything is ready; {@code --seed-demo} also loads demo data through
 * the services' APIs. State lives in {@code <repo>/.local} and survives restarts ({@code --clean} starts
 * afresh). See {@code docs/local-stack.md}.
 *
 * <p>Run it in its own JVM with the full class path (the Kafka broker is started as a child JVM with this
 * JVM's class path): {@code ./mvnw -q -pl deploy/local exec:exec}.
 */
public final class LocalStack {

    static final UUID DEMO_PROVIDER_TENANT = UUID.fromString("11111111-1111-4111-8111-111111111111");
    static final UUID DEMO_RESELLER_TENANT = UUID.fromString("22222222-2222-4222-8222-222222222222");

    static final List<String> TOPICS = List.of(Topics.PARTNERSHIPS, Topics.CUSTOMERS, Topics.SUBSCRIPTIONS);

    /**
     * The services, in start order; one line each. A service reads PORT, DATABASE_URL, DATABASE_USER,
     * DATABASE_PASSWORD, KAFKA_BOOTSTRAP_SERVERS and CSP_SECURITY_DEV_SECRET. To add one, e.g.:
     * {@code new ServiceSpec("customer-service", "customer-service", port("CUSTOMER_PORT", 8082), "csp_customer")}
     * (and a {@code provided} dependency on it in deploy/local/pom.xml so that the reactor builds it first).
     */
    static List<ServiceSpec> services() {
        return List.of(
                new ServiceSpec("partnership-service", "partnership-service", port("PARTNERSHIP_PORT", 8081),
                        "csp_partnership"),
                new ServiceSpec("customer-service", "customer-service", port("CUSTOMER_PORT", 8082), "csp_customer"),
                new ServiceSpec("subscription-service", "subscription-service", port("SUBSCRIPTION_PORT", 8083),
                        "csp_subscription"),
                new ServiceSpec("notification-service", "notification-service", port("NOTIFICATION_PORT", 8084),
                        "csp_notification"));
    }

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Logger log = LoggerFactory.getLogger(LocalStack.class);
    private final Path root;
    private final Path state;
    private final Path logs;
    private final Options options;
    private final List<ServiceSpec> services = services();
    private final Map<ServiceSpec, Process> running = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Postgres postgres;
    private boolean embeddedPostgres;
    private KafkaBroker broker;
    private String bootstrapServers;
    private boolean stopping;
    private boolean stopped;

    private LocalStack(Path root, Options options) {
        this.root = root;
        this.state = root.resolve(".local");
        this.logs = state.resolve("logs");
        this.options = options;
    }

    public static void main(String[] args) {
        Options options = Options.parse(args);
        Path root = repoRoot();
        // before the first logger: logback.xml writes .local/logs/local-stack.log
        System.setProperty("csp.local.logs", root.resolve(".local").resolve("logs").toString());
        int exit = new LocalStack(root, options).run();
        if (exit != 0) {
            System.exit(exit); // the shutdown hook stops what was started
        }
    }

    /** The nearest directory upwards from the working directory that holds {@code mvnw}. */
    static Path repoRoot() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        return start;
    }

    private int run() {
        try {
            Files.createDirectories(state);
            Lock.acquire(state);
            if (options.clean()) {
                clean();
            }
            Files.createDirectories(logs);
        } catch (StartupFailure e) {
            log.error("{}", e.getMessage());
            return 1;
        } catch (IOException e) {
            log.error("cannot prepare {}: {}", state, e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "local-stack-stop"));
        String part = "local stack";
        Path partLog = logs.resolve("local-stack.log");
        try {
            part = "PostgreSQL";
            startPostgres();
            part = "Kafka broker";
            partLog = isBlank(System.getenv("KAFKA_BOOTSTRAP_SERVERS")) ? state.resolve("kafka").resolve("broker.log")
                    : null;
            startKafka();
            part = "PostgreSQL";
            partLog = logs.resolve("local-stack.log");
            createDatabases();
            for (ServiceSpec service : services) {
                part = service.name();
                partLog = logOf(service);
                start(service);
            }
            awaitReady();
            TokenSet tokens = TokenSet.mint(DevTokens.withDevSecret());
            tokens.write(state.resolve("tokens.env"), services.stream()
                    .map(s -> "export " + envNameOfPort(s).replace("_PORT", "_URL") + "=" + s.baseUrl()).toList());
            List<String> seeded = List.of();
            if (options.seedDemo()) {
                seeded = seedDemo(tokens);
            }
            banner(tokens, seeded);
        } catch (StartupFailure e) {
            failed(e.part == null ? part : e.part, e.getMessage(), e.log == null ? partLog : e.log, e.tail);
            return 1;
        } catch (RuntimeException | LinkageError e) {
            failed(part, e.getClass().getSimpleName() + ": " + messages(e), partLog, false);
            log.debug("failure", e);
            return 1;
        }
        watch();
        return 0;
    }

    /** A failure here leaves the stack running, so that it can be looked into. */
    private List<String> seedDemo(TokenSet tokens) {
        try {
            return new DemoSeed(http, services, tokens, log).run();
        } catch (RuntimeException e) {
            synchronized (this) {
                if (stopping) {
                    throw e;
                }
            }
            log.error("demo seeding FAILED: {}\n  the stack keeps running; see the service logs in {}", messages(e),
                    display(logs));
            return List.of("(seeding failed: see above)");
        }
    }

    private void failed(String part, String message, Path partLog, boolean tail) {
        synchronized (this) {
            if (stopping) {
                return; // interrupted by Ctrl-C: not a failure
            }
        }
        StringBuilder text = new StringBuilder("FAILED: " + part + ": " + message);
        if (partLog != null && Files.exists(partLog)) {
            text.append("\n  its log: ").append(display(partLog));
            if (tail) {
                text.append("\n  last lines of the log:");
                lastLines(partLog, 25).forEach(l -> text.append("\n  | ").append(l));
            }
        }
        log.error("{}", text);
    }

    // ---------------------------------------------------------------- PostgreSQL

    private void startPostgres() {
        log.info("starting PostgreSQL… (POSTGRES_URL if set, else 127.0.0.1:5432 if it answers, else an embedded "
                + "server with its data in {})", display(state.resolve("postgres")));
        Postgres found = Postgres.findOrStart(state.resolve("postgres"));
        synchronized (this) {
            postgres = found;
            if (stopping) {
                throw new StartupFailure("interrupted");
            }
        }
        String url = found.jdbcUrl("postgres");
        embeddedPostgres = isBlank(System.getenv("POSTGRES_URL")) && !url.startsWith("jdbc:postgresql://127.0.0.1:5432/");
        log.info("PostgreSQL ready ({}, user {}{})", url, found.user(),
                embeddedPostgres ? ", embedded, data in " + display(state.resolve("postgres")) : "");
    }

    private void createDatabases() {
        for (ServiceSpec service : services) {
            String url = postgres.createDatabaseIfMissing(service.database());
            log.info("database {} ready ({})", service.database(), url);
        }
    }

    // ---------------------------------------------------------------- Kafka

    private void startKafka() {
        int partitions = intEnv("TOPIC_PARTITIONS", 3);
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (!isBlank(external)) {
            bootstrapServers = external.trim();
            log.info("using the Kafka broker at {} (KAFKA_BOOTSTRAP_SERVERS); not starting one", bootstrapServers);
            createTopics(bootstrapServers, partitions);
        } else {
            int port = port("KAFKA_PORT", 19092);
            int controllerPort = port("KAFKA_CONTROLLER_PORT", port + 1);
            requireFree(port, "Kafka broker", "KAFKA_PORT");
            requireFree(controllerPort, "Kafka controller", "KAFKA_CONTROLLER_PORT");
            Path dataDir = state.resolve("kafka");
            log.info("starting Kafka broker on 127.0.0.1:{}… (controller port {}, data in {})", port, controllerPort,
                    display(dataDir));
            KafkaBroker starting = new KafkaBroker(dataDir, port, controllerPort, partitions,
                    envOr("KAFKA_HEAP", "512m"));
            synchronized (this) {
                if (stopping) {
                    throw new StartupFailure("interrupted");
                }
                broker = starting;
            }
            broker.start();
            Lock.recordChildren(state, dataDir.toString(), "kafka-broker");
            linkLog(logs.resolve("kafka.log"), broker.logFile());
            bootstrapServers = broker.bootstrapServers();
            log.info("Kafka ready ({})", bootstrapServers);
            broker.createTopics(TOPICS, partitions, -1);
        }
        log.info("topics ready: {} ({} partitions each unless they existed, unlimited retention)",
                String.join(", ", TOPICS), partitions);
    }

    /** Topics on a broker this stack did not start; replication as the broker's default. */
    private static void createTopics(String bootstrapServers, int partitions) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000);
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().nodes().get(20, TimeUnit.SECONDS);
            for (String name : TOPICS) {
                NewTopic topic = new NewTopic(name, Optional.of(partitions), Optional.empty())
                        .configs(Map.of("retention.ms", "-1"));
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new StartupFailure("cannot create topic " + name + ": " + e.getCause().getMessage());
                    }
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new StartupFailure("the Kafka broker at " + bootstrapServers + " (KAFKA_BOOTSTRAP_SERVERS) does "
                    + "not answer: " + (e.getCause() == null ? e : e.getCause()).getMessage(), "Kafka broker", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupFailure("interrupted");
        }
    }

    // ---------------------------------------------------------------- services

    private Path logOf(ServiceSpec service) {
        return logs.resolve(service.name() + ".log");
    }

    private void start(ServiceSpec service) {
        Path jar = service.executableJar(root).orElseThrow(() -> new StartupFailure("its executable jar "
                + service.module() + "/target/" + service.name() + "-<version>-exec.jar is missing. Build it first: "
                + "./mvnw install -DskipTests", service.name(), null));
        warnIfStale(service, jar);
        requireFree(service.port(), service.name(), envNameOfPort(service));
        Path serviceLog = logOf(service);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(envOr("SERVICE_JAVA_OPTS", "-Xms64m -Xmx512m -XX:+UseSerialGC").trim()
                .split("\\s+")));
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        Map<String, String> env = builder.environment();
        env.put("PORT", Integer.toString(service.port()));
        env.put("DATABASE_URL", postgres.jdbcUrl(service.database()));
        env.put("DATABASE_USER", postgres.user());
        env.put("DATABASE_PASSWORD", postgres.password() == null ? "" : postgres.password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("CSP_SECURITY_DEV_SECRET", DevTokens.DEV_SECRET);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(serviceLog.toFile()));
        try {
            Files.writeString(serviceLog, "\n==== local stack: starting " + service.name() + " at " + Instant.now()
                    + " (" + jar.getFileName() + ", port " + service.port() + ") ====\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            log.info("starting {} on port {}… (log {})", service.name(), service.port(), display(serviceLog));
            synchronized (this) {
                if (stopping) {
                    throw new StartupFailure("interrupted");
                }
                Process process = builder.start();
                running.put(service, process);
                Lock.recordChild(state, process.pid(), service.name());
            }
        } catch (IOException e) {
            throw new StartupFailure("cannot start java: " + e.getMessage(), service.name(), serviceLog);
        }
    }

    private void awaitReady() {
        Duration timeout = Duration.ofSeconds(intEnv("STARTUP_TIMEOUT_SECONDS", 180));
        Instant begin = Instant.now();
        Instant deadline = begin.plus(timeout);
        List<ServiceSpec> waiting = new ArrayList<>(running.keySet());
        while (!waiting.isEmpty()) {
            for (ServiceSpec service : List.copyOf(waiting)) {
                Process process = running.get(service);
                if (!process.isAlive()) {
                    throw new StartupFailure("it exited with code " + process.exitValue() + " while starting",
                            service.name(), logOf(service), true);
                }
                if (ready(service)) {
                    waiting.remove(service);
                    log.info("{} ready ({}) after {} s", service.name(), service.baseUrl(),
                            Duration.between(begin, Instant.now()).toSeconds());
                }
            }
            if (!waiting.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    ServiceSpec late = waiting.get(0);
                    throw new StartupFailure("not ready after " + timeout.toSeconds() + " s (no 200 from "
                            + readinessUrl(late) + ")", late.name(), logOf(late), true);
                }
                sleep(Duration.ofMillis(1000));
                synchronized (this) {
                    if (stopping) {
                        throw new StartupFailure("interrupted");
                    }
                }
            }
        }
    }

    private static String readinessUrl(ServiceSpec service) {
        return "http://127.0.0.1:" + service.port() + "/actuator/health/readiness";
    }

    private boolean ready(ServiceSpec service) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(readinessUrl(service)))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void warnIfStale(ServiceSpec service, Path jar) {
        FileTime built = lastModified(jar);
        Path sources = root.resolve(service.module()).resolve("src").resolve("main");
        try (Stream<Path> files = Files.walk(sources)) {
            Optional<Path> newer = files.filter(Files::isRegularFile)
                    .filter(f -> lastModified(f).compareTo(built) > 0).findFirst();
            newer.ifPresent(f -> log.warn("{}: {} is newer than {}: you may be running old code "
                    + "(rebuild with ./mvnw install -DskipTests)", service.name(), display(f), display(jar)));
        } catch (IOException | UncheckedIOException e) {
            // no sources to compare with
        }
    }

    static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    // ---------------------------------------------------------------- running and stopping

    private void banner(TokenSet tokens, List<String> seeded) {
        String rule = "=".repeat(100);
        StringBuilder b = new StringBuilder("\n").append(rule).append('\n');
        b.append(" The local stack is running. Stop everything with Ctrl-C.\n\n");
        for (ServiceSpec service : services) {
            b.append(String.format(" %-22s %s%n", service.name(), service.baseUrl()));
            b.append(String.format("   %-20s %s/swagger-ui.html%n", "Swagger UI", service.baseUrl()));
            b.append(String.format("   %-20s %s/actuator/prometheus%n", "metrics", service.baseUrl()));
            b.append(String.format("   %-20s %s%n", "log", display(logOf(service))));
        }
        b.append(String.format(" %-22s %s  (topics %s)%n", "Kafka", bootstrapServers, String.join(", ", TOPICS)));
        if (broker != null) {
            b.append(String.format("   %-20s %s%n", "log", display(broker.logFile())));
        }
        b.append(String.format(" %-22s %s  (user %s%s)%n", "PostgreSQL", postgres.jdbcUrl("postgres"),
                postgres.user(), embeddedPostgres ? ", embedded" : ""));
        if (!seeded.isEmpty()) {
            b.append("\n Demo data (--seed-demo):\n");
            seeded.forEach(line -> b.append("   ").append(line).append('\n'));
        }
        b.append("\n Development tokens, valid 12 h (also in ").append(display(state.resolve("tokens.env")))
                .append("; load them with: source ").append(display(state.resolve("tokens.env"))).append("):\n");
        tokens.shellLines().forEach(line -> b.append(" ").append(line).append('\n'));
        ServiceSpec first = services.get(0);
        b.append("\n Try:\n");
        b.append("   source ").append(display(state.resolve("tokens.env"))).append('\n');
        b.append("   curl -H \"Authorization: Bearer $PROVIDER_ADMIN_TOKEN\" ").append(first.baseUrl())
                .append("/api/v1/partnerships\n");
        b.append(rule);
        log.info("{}", b);
    }

    /** Blocks until the JVM shuts down, reporting parts that end on their own. */
    private void watch() {
        Map<ServiceSpec, Boolean> reported = new LinkedHashMap<>();
        boolean brokerReported = false;
        while (true) {
            sleep(Duration.ofSeconds(2));
            synchronized (this) {
                if (stopping) {
                    return;
                }
                for (Map.Entry<ServiceSpec, Process> e : running.entrySet()) {
                    if (!e.getValue().isAlive() && reported.put(e.getKey(), true) == null) {
                        log.error("{} exited on its own with code {}; see its log: {} (Ctrl-C stops the rest)",
                                e.getKey().name(), e.getValue().exitValue(), display(logOf(e.getKey())));
                    }
                }
                if (broker != null && !broker.isRunning() && !brokerReported) {
                    brokerReported = true;
                    log.error("the Kafka broker exited on its own; see its log: {} (Ctrl-C stops the rest)",
                            display(broker.logFile()));
                }
            }
        }
    }

    /** Services first (SIGTERM, then kill after 30 s), then the broker, then an embedded PostgreSQL. */
    private void stop() {
        Map<ServiceSpec, Process> processes;
        KafkaBroker startedBroker;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopping = true;
            stopped = true;
            processes = new LinkedHashMap<>(running);
            startedBroker = broker;
        }
        log.info("stopping…");
        List<ServiceSpec> order = new ArrayList<>(processes.keySet());
        java.util.Collections.reverse(order);
        order.forEach(s -> processes.get(s).destroy());
        Instant deadline = Instant.now().plus(STOP_GRACE);
        for (ServiceSpec service : order) {
            Process process = processes.get(service);
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
        if (startedBroker != null) {
            startedBroker.stop();
            log.info("Kafka broker stopped");
        }
        Postgres pg;
        synchronized (this) {
            pg = postgres;
        }
        if (pg != null) {
            pg.close();
            if (embeddedPostgres) {
                log.info("embedded PostgreSQL stopped");
            }
        }
        Lock.release(state);
        log.info("stopped");
    }

    // ---------------------------------------------------------------- --clean

    private void clean() {
        for (String name : List.of("kafka", "postgres", "tokens.env")) {
            deleteRecursively(state.resolve(name));
        }
        // the stack's own log is open already (appending): empty it rather than delete it
        try (Stream<Path> files = Files.exists(logs) ? Files.list(logs) : Stream.empty()) {
            for (Path file : files.toList()) {
                if (file.getFileName().toString().equals("local-stack.log")) {
                    Files.write(file, new byte[0]);
                } else {
                    deleteRecursively(file);
                }
            }
        } catch (IOException e) {
            throw new StartupFailure("--clean: cannot delete " + logs + ": " + e.getMessage());
        }
        log.info("--clean: deleted {} (Kafka data, embedded PostgreSQL data, logs, tokens)", display(state));
        if (isBlank(System.getenv("POSTGRES_URL")) && !answersOnLocalPort()) {
            return; // an embedded server: its data was just deleted
        }
        Postgres server = Postgres.findOrStart(null);
        for (ServiceSpec service : services) {
            String url = server.jdbcUrl("postgres");
            try (Connection c = DriverManager.getConnection(url, server.user(), server.password());
                 Statement s = c.createStatement()) {
                try {
                    s.execute("drop database if exists " + service.database() + " with (force)");
                } catch (SQLException e) {
                    if (!"42601".equals(e.getSQLState())) {
                        throw e;
                    }
                    s.execute("drop database if exists " + service.database()); // before PostgreSQL 13
                }
                log.info("--clean: dropped database {} on {}", service.database(), url);
            } catch (SQLException e) {
                throw new StartupFailure("--clean: cannot drop database " + service.database() + ": "
                        + e.getMessage(), "PostgreSQL", null);
            }
        }
        server.close();
    }

    private static boolean answersOnLocalPort() {
        try (var socket = new java.net.Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), 5432), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new StartupFailure("--clean: cannot delete " + path + ": " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void requireFree(int port, String part, String envName) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new StartupFailure("port " + port + " is already in use (another local stack still running? "
                    + "see: lsof -i :" + port + "). Stop that program or choose another port with " + envName + ".",
                    part, null);
        }
    }

    private static String envNameOfPort(ServiceSpec service) {
        return service.name().replace("-service", "").toUpperCase(java.util.Locale.ROOT) + "_PORT";
    }

    private void linkLog(Path link, Path target) {
        try {
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, link.getParent().relativize(target));
        } catch (IOException | UnsupportedOperationException e) {
            // not important: the banner names the real file
        }
    }

    private String display(Path path) {
        Path cwd = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        return cwd.equals(root) && path.startsWith(root) ? root.relativize(path).toString() : path.toString();
    }

    private static List<String> lastLines(Path file, int count) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            int start = 0;
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith("==== local stack: starting")) {
                    start = i + 1;
                    break;
                }
            }
            return lines.subList(Math.max(start, lines.size() - count), lines.size());
        } catch (IOException e) {
            return List.of("(cannot read: " + e.getMessage() + ")");
        }
    }

    private static String messages(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" (").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage())
                    .append(')');
        }
        return text.toString();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int port(String env, int fallback) {
        return intEnv(env, fallback);
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        if (isBlank(value)) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new StartupFailure(name + "=" + value + " is not a number", "configuration", null);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return isBlank(value) ? fallback : value;
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** Command-line options. */
    record Options(boolean seedDemo, boolean clean) {

        static Options parse(String[] args) {
            boolean seed = false;
            boolean clean = false;
            // one argument may hold several options ("--seed-demo --clean") when passed through Maven
            for (String option : String.join(" ", args).trim().split("\\s+")) {
                switch (option) {
                    case "" -> { }
                    case "--seed-demo" -> seed = true;
                    case "--clean" -> clean = true;
                    case "--help", "-h" -> {
                        System.out.println(USAGE);
                        System.exit(0);
                    }
                    default -> {
                        System.err.println("unknown option: " + option + "\n" + USAGE);
                        System.exit(2);
                    }
                }
            }
            return new Options(seed, clean);
        }

        static final String USAGE = """
                usage: ./mvnw -q -pl deploy/local exec:exec [-Dstack.args="--seed-demo --clean"]
                  --seed-demo  load demo data (provider, resellers, partnerships) through the APIs
                  --clean      delete the stack's state first (.local and the services' databases)
                environment: KAFKA_PORT (19092), KAFKA_CONTROLLER_PORT (KAFKA_PORT+1), PARTNERSHIP_PORT (8081),
                  KAFKA_BOOTSTRAP_SERVERS (use that broker), TOPIC_PARTITIONS (3), POSTGRES_URL, POSTGRES_USER,
                  POSTGRES_PASSWORD, STARTUP_TIMEOUT_SECONDS (180), KAFKA_HEAP (512m), SERVICE_JAVA_OPTS
                see docs/local-stack.md""";
    }

    /** Why the stack could not start: the part that failed and where its log is. */
    static final class StartupFailure extends RuntimeException {
        final String part;
        final Path log;
        final boolean tail;

        StartupFailure(String message) {
            this(message, null, null, false);
        }

        StartupFailure(String message, String part, Path log) {
            this(message, part, log, false);
        }

        StartupFailure(String message, String part, Path log, boolean tail) {
            super(message);
            this.part = part;
            this.log = log;
            this.tail = tail;
        }
    }
}
