package com.cspchannel.local;

import com.cspchannel.infra.DevTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Runs the whole system on this machine until Ctrl-C: PostgreSQL (found or embedded), a Kafka broker with the
 * public topics ({@link Infrastructure}), and every service of {@link #services()} as its own process from its
 * executable jar ({@link ServiceProcesses}). Prints the URLs and development tokens when everything is ready
 * ({@link Readiness}, {@link Banner}); {@code --seed-demo} also loads demo data through the services' APIs
 * ({@link DemoSeed}). State lives in {@code <repo>/.local} and survives restarts ({@code --clean} starts afresh,
 * {@link CleanStart}). See {@code docs/local-stack.md}.
 *
 * <p>Run it in its own JVM with the full class path (the Kafka broker is started as a child JVM with this
 * JVM's class path): {@code ./mvnw -q -pl deploy/local exec:exec}.
 */
public final class LocalStack {

    static final UUID DEMO_PROVIDER_TENANT = UUID.fromString("11111111-1111-4111-8111-111111111111");
    static final UUID DEMO_RESELLER_TENANT = UUID.fromString("22222222-2222-4222-8222-222222222222");

    /**
     * The services, in start order; one line each. A service reads PORT, DATABASE_URL, DATABASE_USER,
     * DATABASE_PASSWORD, KAFKA_BOOTSTRAP_SERVERS and CSP_SECURITY_DEV_SECRET. To add one, e.g.:
     * {@code new ServiceSpec("customer-service", "customer-service", Env.port("CUSTOMER_PORT", 8082), "csp_customer")}
     * (and a {@code provided} dependency on it in deploy/local/pom.xml so that the reactor builds it first).
     */
    static List<ServiceSpec> services() {
        return List.of(
                new ServiceSpec("partnership-service", "partnership-service", Env.port("PARTNERSHIP_PORT", 8081),
                        "csp_partnership"),
                new ServiceSpec("customer-service", "customer-service", Env.port("CUSTOMER_PORT", 8082),
                        "csp_customer"),
                new ServiceSpec("subscription-service", "subscription-service", Env.port("SUBSCRIPTION_PORT", 8083),
                        "csp_subscription"),
                new ServiceSpec("notification-service", "notification-service", Env.port("NOTIFICATION_PORT", 8084),
                        "csp_notification"));
    }

    private final Logger log = LoggerFactory.getLogger(LocalStack.class);
    private final StackDirectory dir;
    private final Options options;
    private final List<ServiceSpec> services = services();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Shutdown shutdown = new Shutdown();
    private final Infrastructure infrastructure;
    private final ServiceProcesses processes;

    private LocalStack(Path root, Options options) {
        this.dir = new StackDirectory(root);
        this.options = options;
        this.infrastructure = new Infrastructure(dir, shutdown);
        this.processes = new ServiceProcesses(dir, shutdown);
    }

    public static void main(String[] args) {
        Options options = Options.parse(args);
        Path root = StackDirectory.repoRoot();
        // before the first logger: logback.xml writes .local/logs/local-stack.log
        System.setProperty("csp.local.logs", new StackDirectory(root).logs.toString());
        int exit = new LocalStack(root, options).run();
        if (exit != 0) {
            System.exit(exit); // the shutdown hook stops what was started
        }
    }

    private int run() {
        try {
            Files.createDirectories(dir.state);
            Lock.acquire(dir.state);
            if (options.clean()) {
                CleanStart.run(dir, services);
            }
            Files.createDirectories(dir.logs);
        } catch (StartupFailure e) {
            log.error("{}", e.getMessage());
            return 1;
        } catch (IOException e) {
            log.error("cannot prepare {}: {}", dir.state, e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "local-stack-stop"));
        // the part being started and its log, named when it fails
        String part = "local stack";
        Path partLog = dir.stackLog();
        try {
            part = "PostgreSQL";
            infrastructure.startPostgres();
            part = "Kafka broker";
            partLog = infrastructure.brokerLog();
            infrastructure.startKafka();
            part = "SMTP server";
            infrastructure.startMail();
            part = "PostgreSQL";
            partLog = dir.stackLog();
            infrastructure.createDatabases(services);
            for (ServiceSpec service : services) {
                part = service.name();
                partLog = dir.logOf(service);
                processes.start(service, infrastructure);
            }
            new Readiness(http).await(processes.running(), dir, shutdown);
            TokenSet tokens = TokenSet.mint(DevTokens.withDevSecret());
            tokens.write(dir.tokens(), services.stream()
                    .map(s -> "export " + s.portVariable().replace("_PORT", "_URL") + "=" + s.baseUrl()).toList());
            List<String> seeded = options.seedDemo() ? seedDemo(tokens) : List.of();
            log.info("{}", Banner.text(services, infrastructure, dir, tokens, seeded));
        } catch (StartupFailure e) {
            failed(e.part == null ? part : e.part, e.getMessage(), e.log == null ? partLog : e.log, e.tail);
            return 1;
        } catch (RuntimeException | LinkageError e) {
            failed(part, e.getClass().getSimpleName() + ": " + StartupFailure.messages(e), partLog, false);
            log.debug("failure", e);
            return 1;
        }
        watch();
        return 0;
    }

    /** A failure here leaves the stack running, so that it can be looked into. */
    private List<String> seedDemo(TokenSet tokens) {
        try {
            return new DemoSeed(services, tokens, log).run();
        } catch (RuntimeException e) {
            if (shutdown.requested()) {
                throw e;
            }
            log.error("demo seeding FAILED: {}\n  the stack keeps running; see the service logs in {}",
                    StartupFailure.messages(e), dir.display(dir.logs));
            return List.of("(seeding failed: see above)");
        }
    }

    private void failed(String part, String message, Path partLog, boolean tail) {
        if (shutdown.requested()) {
            return; // interrupted by Ctrl-C: not a failure
        }
        StringBuilder text = new StringBuilder("FAILED: " + part + ": " + message);
        if (partLog != null && Files.exists(partLog)) {
            text.append("\n  its log: ").append(dir.display(partLog));
            if (tail) {
                text.append("\n  last lines of the log:");
                StackDirectory.lastLines(partLog, 25).forEach(l -> text.append("\n  | ").append(l));
            }
        }
        log.error("{}", text);
    }

    /** Blocks until the JVM shuts down, reporting parts that end on their own. */
    private void watch() {
        boolean brokerReported = false;
        while (true) {
            Shutdown.sleep(Duration.ofSeconds(2));
            if (shutdown.requested()) {
                return;
            }
            processes.reportExits();
            if (infrastructure.broker() != null && !infrastructure.broker().isRunning() && !brokerReported) {
                brokerReported = true;
                log.error("the Kafka broker exited on its own; see its log: {} (Ctrl-C stops the rest)",
                        dir.display(infrastructure.broker().logFile()));
            }
        }
    }

    /** The shutdown hook: services first, then the broker, then an embedded PostgreSQL. */
    private void stop() {
        if (!shutdown.request()) {
            return;
        }
        log.info("stopping…");
        processes.stop();
        infrastructure.stop();
        Lock.release(dir.state);
        log.info("stopped");
    }
}
