package com.cspchannel.partnership.bench;

import com.cspchannel.events.Topics;
import com.cspchannel.infra.KafkaBroker;
import com.cspchannel.infra.Postgres;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Benchmark of the reseller associations view: a rebuild from 1,000,000 events on the local broker and the real
 * PostgreSQL, beside Kafka's own {@code ConsumerPerformance} on the same topics in the same run, and the heap the
 * service needs for it (its JVM runs with {@code -Xmx512m}).
 *
 * <p>Not a test (the class name ends neither in {@code Test} nor {@code IT}). Run it with the Maven profile
 * {@code bench} of partnership-service:
 * <pre>
 * ./mvnw -q -B -pl partnership-service -Pbench test-compile exec:exec \
 *     -Dbench.main=com.cspchannel.partnership.bench.RebuildBenchmark
 * ./mvnw -q -B -pl partnership-service -Pbench test-compile exec:exec \
 *     -Dbench.main=com.cspchannel.partnership.bench.RebuildBenchmark \
 *     -Dbench.args="bench.events=200000 bench.report=none"
 * </pre>
 * Arguments are {@code key=value} system properties: {@code bench.events} (1000000), {@code bench.providers} (50),
 * {@code bench.resellers} (5000), {@code bench.partners-per-provider} (200), {@code bench.customers} (100000),
 * {@code bench.subscriptions} (300000), {@code bench.duplicate-share} (0.001: records delivered twice),
 * {@code bench.seed} (42), {@code bench.service-heap} (512m), {@code bench.service-jvm} (extra options of the
 * service JVM), {@code bench.service-args} (extra Spring properties of the service, {@code key=value} separated by
 * blanks), {@code bench.timeout-seconds} (1800), {@code bench.label}, {@code bench.report} (docs/benchmarks.md of the
 * checkout; {@code none} to skip), {@code bench.keep-database} (false), {@code bench.allow-embedded} (false),
 * {@code bench.max-load} (wait until the 1-minute load is below it), {@code bench.wait-for-others-seconds} (1800).
 *
 * <p>Steps: wait while another benchmark runs; start a broker process and a fresh database on the real PostgreSQL
 * (refused on the embedded one: fsync off); create the three topics with 3 partitions; write the history with a
 * KafkaProducer ({@link RebuildEventGenerator}); start the service in a child JVM with {@code -Xmx512m} and a GC log
 * ({@link RebuildServiceJvm}): its active generation consumes everything (timed: the live catch-up), then a rebuild
 * is started through the {@code AssociationView} bean and timed until its state is {@code completed}; the rebuilt
 * generation must equal the live one row for row, and both must equal the outcome computed in memory from the
 * generated events ({@link RebuildIntervalModel}: every interval with its bounds, by checksum). Then
 * {@code ConsumerPerformance} reads the same topics with the view's consumer settings; the summary is printed and
 * recorded in docs/benchmarks.md ({@link RebuildReport}).
 */
public final class RebuildBenchmark {

    static final List<String> TOPICS = List.of(Topics.PARTNERSHIPS, Topics.CUSTOMERS, Topics.SUBSCRIPTIONS);
    static final double TARGET_EVENTS_PER_SECOND = 20_000;
    private static final String LOCAL_POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";
    private static final Pattern GC_PAUSE = Pattern.compile(
            "^\\[([\\d.]+)s\\].*GC\\(\\d+\\) (Pause [A-Za-z]+)[^\\n]*? (\\d+)M->(\\d+)M\\((\\d+)M\\) ([\\d.]+)ms");

    private final int events = intSetting("bench.events", 1_000_000);
    private final Duration timeout = new Duration(intSetting("bench.timeout-seconds", 1800));
    private final boolean keepDatabase = Boolean.getBoolean("bench.keep-database");
    private final boolean allowEmbedded = Boolean.getBoolean("bench.allow-embedded");
    private final String serviceHeap = System.getProperty("bench.service-heap", "512m");

    private final Result result = new Result();
    private Postgres postgres;
    private KafkaBroker broker;
    private String databaseUrl;
    private String databaseName;

    private record Duration(long seconds) {
    }

    public static void main(String[] args) {
        for (String arg : args) {
            String setting = arg.startsWith("-D") ? arg.substring(2) : arg.startsWith("--") ? arg.substring(2) : arg;
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                System.err.println("arguments are key=value (e.g. bench.events=1000000); ignoring '" + arg + "'");
                continue;
            }
            System.setProperty(setting.substring(0, eq), setting.substring(eq + 1));
        }
        Path logback = quietLogging();
        if (logback != null) {
            System.setProperty("logback.configurationFile", logback.toString());
        }
        int exit;
        try {
            exit = new RebuildBenchmark().run(logback);
        } catch (Throwable e) {
            System.err.println("BENCHMARK FAILED: " + e);
            e.printStackTrace();
            exit = 1;
        }
        System.out.flush();
        System.exit(exit);
    }

    int run(Path logback) throws Exception {
        awaitNoOtherBenchmark();
        describeMachine();
        postgres = Postgres.findOrStart(null);
        Path brokerDir = null;
        try {
            if (!checkRealPostgres()) {
                return 2;
            }
            broker = KafkaBroker.onFreePorts().start();
            brokerDir = broker.logFile().getParent();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "bench-broker-stop"));
            broker.createTopics(TOPICS, 3, -1);
            result.partitions = 3;
            databaseUrl = postgres.createFreshDatabase("rebuild_bench");
            databaseName = databaseUrl.substring(databaseUrl.lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
            log("database %s, broker %s (log %s)", databaseUrl, broker.bootstrapServers(), broker.logFile());
            result.fsync = showSetting("fsync");
            result.synchronousCommit = showSetting("synchronous_commit");
            result.postgresVersion = showSetting("server_version");
            if (!"on".equals(result.fsync)) {
                warn("PostgreSQL runs with fsync=" + result.fsync + ": the numbers are meaningless.");
                result.valid = false;
            }

            produce();
            verifyTopics();
            awaitQuietMachine();
            result.loadBeforeService = firstLine(List.of("cat", "/proc/loadavg"));
            runService(logback);
            result.loadAfterService = firstLine(List.of("cat", "/proc/loadavg"));
            measureConsumerPerformance(logback);

            String summary = result.summary();
            System.out.println();
            System.out.println(summary);
            System.out.println();
            RebuildReport.record(reportFile(), result, summary);
            return result.verified() ? 0 : 3;
        } finally {
            if (broker != null) {
                broker.stop();
            }
            deleteRecursively(brokerDir);
            dropDatabase();
            postgres.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ history

    private void produce() {
        RebuildEventGenerator generator = new RebuildEventGenerator(events, intSetting("bench.providers", 50),
                intSetting("bench.resellers", 5_000), intSetting("bench.partners-per-provider", 200),
                intSetting("bench.customers", 100_000), intSetting("bench.subscriptions", 300_000),
                Double.parseDouble(System.getProperty("bench.duplicate-share", "0.001")),
                Long.parseLong(System.getProperty("bench.seed", "42")));
        log("writing %,d events onto %s", events, TOPICS);
        result.produced = generator.produce(broker.bootstrapServers());
        RebuildEventGenerator.Produced p = result.produced;
        log("wrote %,d events (+%,d duplicate deliveries = %,d records) in %.1f s (%,.0f records/s): %s", p.events,
                p.duplicates, p.records, p.seconds, p.records / p.seconds, p.perTopic);
        log("event types: %s", p.perType);
        log("expected view: %,d interval rows, %,d closed, %,d open", p.opens, p.closes, p.openRows());
    }

    /** Every record must be on the topics before anything is timed. */
    private void verifyTopics() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            for (String topic : TOPICS) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                long end = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
                long expected = result.produced.perTopic.getOrDefault(topic, 0L);
                if (end != expected) {
                    throw new IllegalStateException(topic + " holds " + end + " records, expected " + expected);
                }
                result.topicSizes.put(topic, end);
            }
        }
        log("topics hold %s records", result.topicSizes);
    }

    // ------------------------------------------------------------------------------------------------ service

    private void runService(Path logback) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("rebuild-bench-");
        Path input = work.resolve("in.properties");
        Path output = work.resolve("out.properties");
        Path gcLog = work.resolve("gc.log");
        Properties in = new Properties();
        in.setProperty("datasource.url", databaseUrl);
        in.setProperty("datasource.user", postgres.user());
        in.setProperty("datasource.password", postgres.password());
        in.setProperty("bootstrap-servers", broker.bootstrapServers());
        in.setProperty("events", Long.toString(result.produced.events));
        in.setProperty("records", Long.toString(result.produced.records));
        in.setProperty("timeout-seconds", Long.toString(timeout.seconds()));
        in.setProperty("service-args", System.getProperty("bench.service-args", ""));
        try (Writer writer = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            in.store(writer, "RebuildBenchmark -> RebuildServiceJvm");
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + serviceHeap,
                "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gcLog, "-Duser.language=en", "-Duser.country=US"));
        String extra = System.getProperty("bench.service-jvm", "");
        for (String option : extra.split("\\s+")) {
            if (!option.isBlank()) {
                command.add(option);
            }
        }
        if (logback != null) {
            command.add("-Dlogback.configurationFile=" + logback);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RebuildServiceJvm.class.getName(),
                input.toString(), output.toString()));
        result.serviceJvm = String.join(" ", command.subList(1, command.indexOf("-cp")))
                .replace(gcLog.toString(), "<gc.log>").replace(String.valueOf(logback), "<logback.xml>");
        log("starting the service JVM: java %s ... %s", result.serviceJvm, RebuildServiceJvm.class.getSimpleName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread pump = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    System.out.println(line.startsWith("[service]") ? line : "  [service] " + line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "bench-service-output");
        pump.setDaemon(true);
        pump.start();
        if (!process.waitFor(timeout.seconds() * 2 + 300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the service JVM did not finish in time");
        }
        pump.join(5_000);
        result.serviceExit = process.exitValue();
        Properties out = new Properties();
        if (Files.exists(output)) {
            try (Reader reader = Files.newBufferedReader(output, StandardCharsets.UTF_8)) {
                out.load(reader);
            }
        }
        result.service = out;
        if (result.serviceExit == 3) {
            throw new IllegalStateException("the service JVM ran out of memory (-Xmx" + serviceHeap + ")");
        }
        if (result.serviceExit != 0 || out.getProperty("rebuild.seconds") == null) {
            throw new IllegalStateException("the service JVM failed (exit " + result.serviceExit + "): "
                    + out.getProperty("error"));
        }
        if (Files.exists(gcLog)) {
            List<String> lines = Files.readAllLines(gcLog);
            result.gcLive = gcStats(lines, out.getProperty("live.uptime-ms"));
            result.gcRebuild = gcStats(lines, out.getProperty("rebuild.uptime-ms"));
            result.gcCollector = lines.stream().filter(l -> l.contains("Using ")).findFirst()
                    .map(l -> l.replaceFirst(".*Using ", "")).orElse("?");
        }
        deleteRecursively(work);
    }

    /** Pauses within an uptime window ("from-to" in ms) of the GC log: count, peak before, max after, total ms. */
    static GcStats gcStats(List<String> lines, String window) {
        GcStats stats = new GcStats();
        if (window == null) {
            return stats;
        }
        String[] range = window.split("-");
        double from = Long.parseLong(range[0]) / 1000.0;
        double to = Long.parseLong(range[1]) / 1000.0;
        for (String line : lines) {
            Matcher m = GC_PAUSE.matcher(line);
            if (!m.find()) {
                continue;
            }
            double at = Double.parseDouble(m.group(1));
            if (at < from || at > to) {
                continue;
            }
            stats.pauses++;
            if (m.group(2).equals("Pause Full")) {
                stats.fullPauses++;
            }
            stats.maxBeforeMib = Math.max(stats.maxBeforeMib, Integer.parseInt(m.group(3)));
            stats.maxAfterMib = Math.max(stats.maxAfterMib, Integer.parseInt(m.group(4)));
            stats.maxCommittedMib = Math.max(stats.maxCommittedMib, Integer.parseInt(m.group(5)));
            stats.pauseMillis += Double.parseDouble(m.group(6));
        }
        return stats;
    }

    static final class GcStats {
        int pauses;
        int fullPauses;
        int maxBeforeMib;
        int maxAfterMib;
        int maxCommittedMib;
        double pauseMillis;

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d pauses (%d full), heap before GC max %d MiB, after GC max %d MiB, "
                    + "committed max %d MiB, %.0f ms paused", pauses, fullPauses, maxBeforeMib, maxAfterMib,
                    maxCommittedMib, pauseMillis);
        }
    }

    // ------------------------------------------------------------------------------------ ConsumerPerformance

    /** Kafka's own consumer benchmark on the same topics, one topic after the other, in a child JVM each. */
    private void measureConsumerPerformance(Path logback) throws IOException, InterruptedException {
        Path config = Files.createTempFile("consumer-perf", ".properties");
        // the view's consumer settings (csp-platform-defaults.properties, AssociationView)
        Files.writeString(config, "isolation.level=read_committed\nmax.poll.records=2000\n");
        result.consumerPerfConfig = "isolation.level=read_committed max.poll.records=2000";
        double totalSeconds = 0;
        double fetchSeconds = 0;
        long total = 0;
        for (String topic : TOPICS) {
            long messages = result.topicSizes.get(topic);
            List<String> toolArgs = List.of("--bootstrap-server", broker.bootstrapServers(), "--topic", topic,
                    "--messages", Long.toString(messages), "--group", "bench-consumer-perf-" + topic,
                    "--consumer.config", config.toString(), "--timeout", "60000");
            List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + serviceHeap,
                    "-Duser.language=en", "-Duser.country=US"));
            if (logback != null) {
                command.add("-Dlogback.configurationFile=" + logback);
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    "org.apache.kafka.tools.ConsumerPerformance"));
            command.addAll(toolArgs);
            result.consumerPerfCommand = "org.apache.kafka.tools.ConsumerPerformance --bootstrap-server <broker> "
                    + "--topic <topic> --messages <records on the topic> --group <fresh> --consumer.config <"
                    + result.consumerPerfConfig + "> --timeout 60000 (-Xmx" + serviceHeap + ")";
            log("running ConsumerPerformance on %s (%,d records)", topic, messages);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    System.out.println("  [ConsumerPerformance] " + line);
                    lines.add(line);
                }
            }
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("ConsumerPerformance failed on " + topic);
            }
            // start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,
            // rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
            String data = null;
            for (String line : lines) {
                if (line.split(", ").length >= 10 && !line.startsWith("start.time")) {
                    data = line;
                }
            }
            if (data == null) {
                throw new IllegalStateException("cannot find ConsumerPerformance's result line for " + topic);
            }
            String[] fields = data.split(", ");
            long read = Long.parseLong(fields[4].trim());
            double rate = Double.parseDouble(fields[5].trim());
            double fetchMillis = Double.parseDouble(fields[7].trim());
            if (read < messages) {
                throw new IllegalStateException("ConsumerPerformance read " + read + " of " + messages + " on "
                        + topic);
            }
            total += read;
            totalSeconds += read / rate;
            fetchSeconds += fetchMillis / 1000.0;
            result.consumerPerfLines.add(topic + ": " + data.trim());
        }
        Files.deleteIfExists(config);
        result.consumerPerfRecords = total;
        result.consumerPerfRate = total / totalSeconds;
        result.consumerPerfFetchRate = total / fetchSeconds;
        log("ConsumerPerformance: %,d records in %.1f s: %,.0f records/s (%,.0f records/s without group joins)",
                total, totalSeconds, result.consumerPerfRate, result.consumerPerfFetchRate);
    }

    // ----------------------------------------------------------------------------------------------- plumbing

    /** Two benchmarks on two cores measure each other: wait while another one runs. */
    private static void awaitNoOtherBenchmark() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(intSetting("bench.wait-for-others-seconds", 1800));
        long self = ProcessHandle.current().pid();
        while (true) {
            List<String> others = ProcessHandle.allProcesses()
                    .filter(p -> p.pid() != self)
                    .filter(p -> p.info().arguments().map(args -> Stream.of(args).anyMatch(a ->
                            a.equals("com.cspchannel.partnership.bench.RelayBenchmark")
                                    || a.equals(RebuildBenchmark.class.getName()))).orElse(false))
                    .map(p -> p.pid() + " " + p.info().arguments().map(a -> String.join(" ", a)).orElse("")
                            .replaceAll(".*(com\\.cspchannel\\.partnership\\.bench\\.\\w+).*", "$1"))
                    .toList();
            if (others.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                warn("another benchmark still runs (" + others + "); measuring anyway");
                return;
            }
            log("another benchmark runs (%s); waiting", others);
            Thread.sleep(30_000);
        }
    }

    private void awaitQuietMachine() throws InterruptedException {
        String maxLoad = System.getProperty("bench.max-load");
        if (maxLoad == null || maxLoad.isBlank()) {
            return;
        }
        double threshold = Double.parseDouble(maxLoad);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(intSetting("bench.max-load-wait-seconds", 600));
        while (true) {
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            if (load < threshold) {
                return;
            }
            if (System.nanoTime() > deadline) {
                warn(String.format(Locale.ROOT, "load %.2f still above %.2f; measuring anyway", load, threshold));
                return;
            }
            log("waiting for the 1-minute load (%.2f) to drop below %.2f", load, threshold);
            Thread.sleep(15_000);
        }
    }

    private void describeMachine() {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        result.date = System.getProperty("bench.date", now.format(DateTimeFormatter.ISO_LOCAL_DATE));
        result.time = now.format(DateTimeFormatter.ofPattern("HH:mm'Z'"));
        result.label = System.getProperty("bench.label", "");
        result.cores = Runtime.getRuntime().availableProcessors();
        result.memory = firstLine(List.of("sh", "-c",
                "free -g | awk '/^Mem:/ {print $2 \" GiB total, \" $7 \" GiB available\"}'"));
        result.cpu = firstLine(List.of("sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2")).trim();
        result.loadBefore = firstLine(List.of("cat", "/proc/loadavg"));
        result.java = System.getProperty("java.vm.name") + " " + System.getProperty("java.version");
        result.events = events;
        log("machine: %d cores (%s), memory %s, load %s, %s", result.cores, result.cpu, result.memory,
                result.loadBefore, result.java);
    }

    private boolean checkRealPostgres() {
        String configured = System.getenv("POSTGRES_URL");
        boolean real = (configured != null && !configured.isBlank())
                || postgres.jdbcUrl("postgres").startsWith(LOCAL_POSTGRES);
        result.postgres = postgres.jdbcUrl("<db>");
        if (real) {
            return true;
        }
        warn("Postgres.findOrStart picked the EMBEDDED PostgreSQL (" + result.postgres + "), which runs with "
                + "fsync off: numbers measured on it are meaningless.");
        if (!allowEmbedded) {
            System.err.println("Refusing to run. Start PostgreSQL on 127.0.0.1:5432 (or set POSTGRES_URL), or pass "
                    + "bench.allow-embedded=true to run anyway (the result is then marked invalid).");
            return false;
        }
        result.valid = false;
        return true;
    }

    private String showSetting(String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(databaseUrl, postgres.user(), postgres.password());
             Statement statement = connection.createStatement();
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

    private static Path reportFile() {
        String configured = System.getProperty("bench.report");
        if ("none".equals(configured)) {
            return null;
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("partnership-service"))) {
                return dir.resolve("docs").resolve("benchmarks.md");
            }
        }
        warn("cannot find the checkout's root (set bench.report); results are not written");
        return null;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            warn("could not delete " + dir + ": " + e.getMessage());
        }
    }

    /** A logback configuration that keeps Kafka's and Spring's INFO lines out (this JVM and its children). */
    private static Path quietLogging() {
        if (System.getProperty("logback.configurationFile") != null) {
            return Path.of(System.getProperty("logback.configurationFile"));
        }
        try {
            Path file = Files.createTempFile("rebuild-bench-logback", ".xml");
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
            return file;
        } catch (IOException e) {
            return null;
        }
    }

    private static String firstLine(List<String> command) {
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

    private static int intSetting(String name, int fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.replace("_", "").trim());
    }

    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
        System.out.flush();
    }

    static void warn(String message) {
        System.out.println("[bench] WARNING: " + message);
        System.out.flush();
    }

    /** Everything measured in one run. */
    static final class Result {
        String date;
        String time;
        String label;
        int cores;
        String memory;
        String cpu;
        String java;
        String loadBefore;
        String loadBeforeService;
        String loadAfterService;
        String postgres;
        String postgresVersion;
        String fsync;
        String synchronousCommit;
        boolean valid = true;
        int events;
        int partitions;
        RebuildEventGenerator.Produced produced;
        final Map<String, Long> topicSizes = new LinkedHashMap<>();
        String serviceJvm;
        int serviceExit;
        Properties service = new Properties();
        GcStats gcLive = new GcStats();
        GcStats gcRebuild = new GcStats();
        String gcCollector = "?";
        String consumerPerfCommand;
        String consumerPerfConfig;
        final List<String> consumerPerfLines = new ArrayList<>();
        long consumerPerfRecords;
        double consumerPerfRate;
        double consumerPerfFetchRate;

        double number(String key) {
            String value = service.getProperty(key);
            return value == null || value.isBlank() ? Double.NaN : Double.parseDouble(value);
        }

        long whole(String key) {
            String value = service.getProperty(key);
            return value == null || value.isBlank() ? -1 : Long.parseLong(value);
        }

        double rebuildRate() {
            return produced.events / number("rebuild.seconds");
        }

        double rebuildAppliedRate() {
            return produced.events / number("rebuild.seconds-to-all-applied");
        }

        double liveRate() {
            return produced.events / number("live.seconds-from-context-ready");
        }

        double ratio() {
            return rebuildRate() / consumerPerfRate;
        }

        /** The largest heap occupancy seen during the rebuild: GC log (before a pause) or the 20 ms samples. */
        double rebuildPeakHeapMib() {
            return Math.max(gcRebuild.maxBeforeMib, number("heap.rebuild.sampled-max-used-mib"));
        }

        boolean equalGenerations() {
            return whole("live.rows") == whole("rebuilt.rows") && whole("live.closed") == whole("rebuilt.closed")
                    && service.getProperty("live.checksum", "a").equals(service.getProperty("rebuilt.checksum"))
                    && whole("live-minus-rebuilt") == 0 && whole("rebuilt-minus-live") == 0;
        }

        boolean expectedOutcome() {
            return whole("rebuilt.rows") == produced.opens && whole("rebuilt.closed") == produced.closes
                    && produced.modelRows == produced.opens && produced.modelClosed == produced.closes
                    && produced.modelChecksum.equals(service.getProperty("live.model-checksum"))
                    && produced.modelChecksum.equals(service.getProperty("rebuilt.model-checksum"))
                    && whole("live.consumed") == produced.events && whole("rebuilt.consumed") == produced.events
                    && whole("old-generation-rows-left") == 0;
        }

        boolean verified() {
            return equalGenerations() && expectedOutcome();
        }

        boolean rateMet() {
            return rebuildRate() >= TARGET_EVENTS_PER_SECOND;
        }

        /** The service JVM had at most 512 MiB of heap and the rebuild completed in it (no OutOfMemoryError). */
        boolean heapMet() {
            return serviceExit == 0 && number("heap.max-mib") <= 512 && service.getProperty("rebuild.seconds") != null;
        }

        String summary() {
            RebuildEventGenerator.Produced p = produced;
            Map<String, String> rows = new LinkedHashMap<>();
            rows.put("date", date + " " + time + (label.isBlank() ? "" : "  (" + label + ")"));
            rows.put("machine", cores + " cores (" + cpu + "), " + memory + ", " + java);
            rows.put("load average", "before " + loadBefore + " | at service start " + loadBeforeService
                    + " | after rebuild " + loadAfterService);
            rows.put("postgres", postgres + " " + postgresVersion + " fsync=" + fsync + " synchronous_commit="
                    + synchronousCommit + (valid ? "" : "   *** INVALID: numbers meaningless ***"));
            rows.put("history", String.format(Locale.ROOT, "%,d events + %,d duplicate deliveries = %,d records "
                            + "on 3 topics x %d partitions %s; %d providers, %,d resellers, %,d partnerships, %,d "
                            + "customers, %,d subscriptions; %.0f-byte values, %.0f bytes/record with key and headers",
                    p.events, p.duplicates, p.records, partitions, topicSizes, p.providers, p.resellers,
                    p.partnerships, p.customers, p.subscriptions, (double) p.payloadBytes / p.events,
                    (double) p.recordBytes / p.records));
            rows.put("event types", p.perType.toString());
            rows.put("produced in", String.format(Locale.ROOT, "%.1f s (%,.0f records/s, KafkaProducer acks=all "
                    + "linger.ms=10 batch.size=131072)", p.seconds, p.records / p.seconds));
            rows.put("service JVM", "java " + serviceJvm + " | " + service.getProperty("jvm") + " | " + gcCollector);
            rows.put("service settings", "datasource " + service.getProperty("service.datasource") + " pool "
                    + service.getProperty("service.pool") + "; view consumer max.poll.records 2000 (AssociationView)");
            rows.put("live catch-up", String.format(Locale.ROOT, "%.1f s from context ready (boot %.1f s): %,.0f "
                            + "events/s; service CPU %.1f s, machine busy %.0f%%", number("live.seconds-from-context-ready"),
                    number("live.boot-seconds"), liveRate(), number("live.service-cpu-seconds"),
                    100 * number("live.machine-busy-share")));
            rows.put("rebuild wall time", String.format(Locale.ROOT, "%.1f s from startRebuild() to state 'completed' "
                            + "(all %,d events applied at %.1f s; service's own status: %s s, %s events/s)",
                    number("rebuild.seconds"), p.events, number("rebuild.seconds-to-all-applied"),
                    service.getProperty("rebuild.status.seconds"), service.getProperty("rebuild.status.events-per-second")));
            rows.put("rebuild events/s", String.format(Locale.ROOT, "%,.0f  (startRebuild() -> completed; %,.0f to "
                    + "all applied)", rebuildRate(), rebuildAppliedRate()));
            rows.put("rebuild CPU", String.format(Locale.ROOT, "service JVM %.1f s CPU over %.1f s (%.0f%% of one "
                            + "core), machine busy %.0f%% of %d cores (PostgreSQL, broker, service)",
                    number("rebuild.service-cpu-seconds"), number("rebuild.wall-seconds"),
                    100 * number("rebuild.service-cpu-seconds") / number("rebuild.wall-seconds"),
                    100 * number("rebuild.machine-busy-share"), cores));
            rows.put("ConsumerPerformance", String.format(Locale.ROOT, "%,.0f records/s (%,d records, the three "
                    + "topics one after the other; %,.0f records/s without group joins)", consumerPerfRate,
                    consumerPerfRecords, consumerPerfFetchRate));
            rows.put("  command", consumerPerfCommand);
            for (String line : consumerPerfLines) {
                rows.put("  " + line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 2));
            }
            rows.put("ratio rebuild/consumer", String.format(Locale.ROOT, "%.3f (completed), %.3f (all applied); "
                    + "live catch-up/consumer %.3f", ratio(), rebuildAppliedRate() / consumerPerfRate,
                    liveRate() / consumerPerfRate));
            rows.put("heap (rebuild)", String.format(Locale.ROOT, "-Xmx%s; peak used %.0f MiB (GC log: %s; 20 ms "
                            + "samples max %.0f MiB; heap pool peaks %s)", service.getProperty("heap.max-mib", "?")
                            .replaceAll("\\..*", "") + "m", rebuildPeakHeapMib(), gcRebuild,
                    number("heap.rebuild.sampled-max-used-mib"), service.getProperty("heap.rebuild.pool-peaks")));
            rows.put("heap (boot + live)", String.format(Locale.ROOT, "GC log: %s; 20 ms samples max %.0f MiB", gcLive,
                    number("heap.live.sampled-max-used-mib")));
            rows.put("live generation", service.getProperty("live.rows") + " rows, " + service.getProperty("live.closed")
                    + " closed, " + service.getProperty("live.per-kind") + ", checksum "
                    + service.getProperty("live.checksum"));
            rows.put("rebuilt generation", service.getProperty("rebuilt.rows") + " rows, "
                    + service.getProperty("rebuilt.closed") + " closed, " + service.getProperty("rebuilt.per-kind")
                    + ", checksum " + service.getProperty("rebuilt.checksum"));
            rows.put("check", String.format(Locale.ROOT, "rebuilt = live row for row (except all both ways: %s / %s): "
                            + "%s; both = the in-memory model (%,d rows, %,d closed, interval checksum %s; live %s, "
                            + "rebuilt %s): %s; consumed ids live %s rebuilt %s of %,d; old generation rows left %s",
                    service.getProperty("live-minus-rebuilt"), service.getProperty("rebuilt-minus-live"),
                    equalGenerations() ? "OK" : "*** FAILED ***", p.modelRows, p.modelClosed, p.modelChecksum,
                    service.getProperty("live.model-checksum"), service.getProperty("rebuilt.model-checksum"),
                    expectedOutcome() ? "OK" : "*** FAILED ***", service.getProperty("live.consumed"),
                    service.getProperty("rebuilt.consumed"), p.events, service.getProperty("old-generation-rows-left")));
            rows.put("targets", String.format(Locale.ROOT, ">= %,.0f events/s: %s; rebuild within a 512 MB heap: %s",
                    TARGET_EVENTS_PER_SECOND, rateMet() ? "MET" : "NOT MET", heapMet() ? "MET" : "NOT MET"));
            StringBuilder out = new StringBuilder("=== RebuildBenchmark ===\n");
            rows.forEach((k, v) -> out.append(String.format(Locale.ROOT, "%-24s %s%n", k, v)));
            out.append("live progress (s since context start: records)\n ");
            appendTimeline(out, service.getProperty("live.timeline", ""));
            out.append("\nrebuild progress (s since startRebuild(): events applied)\n ");
            appendTimeline(out, service.getProperty("rebuild.timeline", ""));
            return out.toString().stripTrailing();
        }

        private static void appendTimeline(StringBuilder out, String timeline) {
            int n = 0;
            for (String point : timeline.split(" ")) {
                if (point.isBlank()) {
                    continue;
                }
                out.append(' ').append(point);
                if (++n % 10 == 0) {
                    out.append("\n ");
                }
            }
        }
    }

    private RebuildBenchmark() {
    }
}
