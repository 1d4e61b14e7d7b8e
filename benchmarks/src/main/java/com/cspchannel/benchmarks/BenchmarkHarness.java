package com.cspchannel.benchmarks;

import com.cspchannel.infra.KafkaBroker;
import com.cspchannel.infra.Postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What every benchmark shares, so that each is only its own scenario and all are measured the same way: a broker
 * process of its own, a fresh database on the real PostgreSQL (never the embedded one, which runs with fsync off,
 * unless asked), the machine and its load around the measured phase, Kafka's own tools as the limit in the same
 * run ({@link KafkaPerformance}), the summary and its row in docs/benchmarks.md, and the clean-up.
 *
 * <p>Settings every benchmark takes ({@code key=value} arguments, see {@link Benchmarks}): {@code bench.label},
 * {@code bench.date}, {@code bench.report} (docs/benchmarks.md of the checkout; {@code none} to skip writing),
 * {@code bench.keep-database} (false), {@code bench.allow-embedded} (false), {@code bench.max-load} and
 * {@code bench.max-load-wait-seconds} (600) (see {@link Machine#awaitQuiet()}), {@code bench.wait-for-others-seconds}
 * (1800).
 */
final class BenchmarkHarness {

    /** Every topic gets the broker's default partition count, so that the tools and the services write alike. */
    static final int PARTITIONS = 3;
    private static final String LOCAL_POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";

    /** Exit codes of a run that did not measure or whose checks failed, for scripts that run benchmarks. */
    static final int REFUSED = 2;
    static final int NOT_VERIFIED = 3;

    private final Path logback;
    private final boolean keepDatabase = Boolean.getBoolean("bench.keep-database");
    private final boolean allowEmbedded = Boolean.getBoolean("bench.allow-embedded");
    private Machine machine;
    private Postgres postgres;
    private KafkaBroker broker;
    private String databaseUrl;
    private String databaseName;
    private String postgresUrl;
    private String fsync;
    private String synchronousCommit;
    private String serverVersion;
    private boolean valid = true;
    private String loadAtStart;
    private String loadAtEnd;

    BenchmarkHarness(Path logback) {
        this.logback = logback;
    }

    /** Runs one benchmark: 0 when its checks passed, {@link #REFUSED}, or {@link #NOT_VERIFIED}. */
    int run(Benchmark benchmark) throws Exception {
        Machine.awaitNoOtherBenchmark();
        machine = Machine.describe();
        postgres = Postgres.findOrStart(null);
        Path brokerDir = null;
        try {
            if (!checkRealPostgres()) {
                return REFUSED;
            }
            broker = KafkaBroker.onFreePorts().start();
            brokerDir = broker.logFile().getParent();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "bench-broker-stop"));
            Benchmark.Setup setup = benchmark.setup();
            broker.createTopics(setup.topics(), PARTITIONS, -1);
            databaseUrl = postgres.createFreshDatabase(setup.databasePrefix());
            databaseName = databaseUrl.substring(databaseUrl.lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
            log("database %s, broker %s (log %s)", databaseUrl, broker.bootstrapServers(), broker.logFile());
            fsync = showSetting("fsync");
            synchronousCommit = showSetting("synchronous_commit");
            serverVersion = showSetting("server_version");
            if (!"on".equals(fsync)) {
                warn("PostgreSQL runs with fsync=" + fsync + ": the numbers are meaningless.");
                valid = false;
            }

            Benchmark.Outcome outcome = benchmark.run(this);

            System.out.println();
            System.out.println(outcome.summary());
            System.out.println();
            String key = "| " + machine.date() + " " + machine.time() + " | " + outcome.label();
            String row = key + (valid ? "" : " (INVALID: fsync off)") + " | " + outcome.cells() + " |";
            outcome.report().record(reportFile(), key, row, outcome.label(), outcome.summary());
            return outcome.verified() ? 0 : NOT_VERIFIED;
        } finally {
            if (broker != null) {
                broker.stop();
            }
            deleteRecursively(brokerDir);
            dropDatabase();
            postgres.close();
        }
    }

    /** The benchmark needs the real server (fsync on); the embedded fallback makes the numbers meaningless. */
    private boolean checkRealPostgres() {
        String configured = System.getenv("POSTGRES_URL");
        boolean real = (configured != null && !configured.isBlank())
                || postgres.jdbcUrl("postgres").startsWith(LOCAL_POSTGRES);
        postgresUrl = postgres.jdbcUrl("<db>");
        if (real) {
            return true;
        }
        warn("Postgres.findOrStart picked the EMBEDDED PostgreSQL (" + postgresUrl + "), which runs with "
                + "fsync off: numbers measured on it are meaningless.");
        if (!allowEmbedded) {
            System.err.println("Refusing to run. Start PostgreSQL on 127.0.0.1:5432 (or set POSTGRES_URL), or pass "
                    + "bench.allow-embedded=true to run anyway (the result is then marked invalid).");
            return false;
        }
        valid = false;
        return true;
    }

    /** A phase that is measured: after waiting for a quiet machine, with the load recorded on both sides. */
    <T> T measure(Phase<T> phase) throws Exception {
        Machine.awaitQuiet();
        loadAtStart = Machine.loadAverage();
        try {
            return phase.run();
        } finally {
            loadAtEnd = Machine.loadAverage();
        }
    }

    interface Phase<T> {
        T run() throws Exception;
    }

    /** A summary that starts with what every run records: when, the machine, the load, the database. */
    Summary summary(String title, int keyWidth, String phaseStart, String phaseEnd) {
        return new Summary(title, keyWidth)
                .row("date", machine.date() + " " + machine.time()
                        + (machine.label().isBlank() ? "" : "  (" + machine.label() + ")"))
                .row("machine", machine.description())
                .row("load average", "before " + machine.loadBefore() + " | " + phaseStart + " " + loadAtStart
                        + " | " + phaseEnd + " " + loadAtEnd)
                .row("postgres", postgresUrl + " " + serverVersion + " fsync=" + fsync + " synchronous_commit="
                        + synchronousCommit + (valid ? "" : "   *** INVALID: numbers meaningless ***"));
    }

    KafkaPerformance kafkaPerformance() {
        return new KafkaPerformance(broker.bootstrapServers(), logback);
    }

    /** A connection to the fresh database; batched inserts are rewritten into multi-row statements. */
    Connection connect(boolean autoCommit) throws SQLException {
        String url = databaseUrl + (databaseUrl.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        Connection connection = DriverManager.getConnection(url, postgres.user(), postgres.password());
        connection.setAutoCommit(autoCommit);
        return connection;
    }

    private String showSetting(String name) throws SQLException {
        try (Connection connection = connect(true); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private void dropDatabase() {
        if (databaseName == null) {
            return;
        }
        if (keepDatabase) {
            log("kept database %s (bench.keep-database=true)", databaseName);
            return;
        }
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(),
                postgres.password()); Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + databaseName + " with (force)");
        } catch (SQLException e) {
            warn("could not drop database " + databaseName + ": " + e.getMessage());
        }
    }

    /** {@code bench.report}, or docs/benchmarks.md of the checkout this runs in; null: do not write. */
    static Path reportFile() {
        String configured = System.getProperty("bench.report");
        if ("none".equals(configured)) {
            return null;
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("benchmarks"))) {
                return dir.resolve("docs").resolve("benchmarks.md");
            }
        }
        warn("cannot find the checkout's root (set bench.report); results are not written");
        return null;
    }

    Machine machine() {
        return machine;
    }

    String databaseUrl() {
        return databaseUrl;
    }

    String databaseUser() {
        return postgres.user();
    }

    String databasePassword() {
        return postgres.password();
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The logback configuration of this JVM, for child JVMs (null: their default). */
    Path logback() {
        return logback;
    }

    String loadAtStart() {
        return loadAtStart;
    }

    String loadAtEnd() {
        return loadAtEnd;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /**
     * A logback configuration that keeps Kafka's and Spring's INFO lines out of the output of this JVM and its
     * children; an explicit {@code logback.configurationFile} wins.
     */
    static Path quietLogging() {
        if (System.getProperty("logback.configurationFile") != null) {
            return Path.of(System.getProperty("logback.configurationFile"));
        }
        try {
            Path file = Files.createTempFile("bench-logback", ".xml");
            file.toFile().deleteOnExit();
            Files.writeString(file, """
                    <configuration>
                      <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>
                      </appender>
                      <root level="WARN"><appender-ref ref="OUT"/></root>
                      <logger name="com.cspchannel" level="INFO"/>
                    </configuration>
                    """);
            System.setProperty("logback.configurationFile", file.toString());
            return file;
        } catch (IOException e) {
            return null;
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            warn("could not delete " + dir + ": " + e.getMessage());
        }
    }

    static String firstLine(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor(10, TimeUnit.SECONDS);
            int nl = out.indexOf('\n');
            return nl < 0 ? out : out.substring(0, nl);
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    static int intSetting(String name, int fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.replace("_", "").trim());
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
        System.out.flush();
    }

    static void warn(String message) {
        System.out.println("[bench] WARNING: " + message);
        System.out.flush();
    }
}
