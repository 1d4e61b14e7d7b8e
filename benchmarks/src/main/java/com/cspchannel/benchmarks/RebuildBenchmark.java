package com.cspchannel.benchmarks;

import com.cspchannel.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.cspchannel.benchmarks.BenchmarkHarness.deleteRecursively;
import static com.cspchannel.benchmarks.BenchmarkHarness.intSetting;
import static com.cspchannel.benchmarks.BenchmarkHarness.javaBinary;
import static com.cspchannel.benchmarks.BenchmarkHarness.log;

/**
 * Benchmark of the reseller associations view: a rebuild from 1,000,000 events on the local broker and the real
 * PostgreSQL, beside Kafka's own {@code ConsumerPerformance} on the same topics in the same run, and the heap the
 * service needs for it (its JVM runs with {@code -Xmx512m}).
 *
 * <p>Run it as {@code rebuild} (see {@link Benchmarks} and docs/benchmarks.md):
 * <pre>
 * ./mvnw -q -B -pl benchmarks exec:exec -Dbench=rebuild
 * ./mvnw -q -B -pl benchmarks exec:exec -Dbench=rebuild -Dbench.args="bench.events=200000 bench.report=none"
 * </pre>
 * Arguments are {@code key=value} system properties: {@code bench.events} (1000000), {@code bench.providers} (50),
 * {@code bench.resellers} (5000), {@code bench.partners-per-provider} (200), {@code bench.customers} (100000),
 * {@code bench.subscriptions} (300000), {@code bench.duplicate-share} (0.001: records delivered twice),
 * {@code bench.seed} (42), {@code bench.service-heap} (512m), {@code bench.service-jvm} (extra options of the
 * service JVM), {@code bench.service-args} (extra Spring properties of the service, {@code key=value} separated by
 * blanks), {@code bench.timeout-seconds} (1800); those of every benchmark are listed in {@link BenchmarkHarness}.
 *
 * <p>Steps, after the harness has started the broker and a fresh database: write the history with a KafkaProducer
 * ({@link RebuildEventGenerator}); start the service in a child JVM with {@code -Xmx512m} and a GC log
 * ({@link RebuildServiceJvm}): its active generation consumes everything (timed: the live catch-up), then a rebuild
 * is started through the {@code AssociationView} bean and timed until its state is {@code completed}; the rebuilt
 * generation must equal the live one row for row, and both must equal the outcome computed in memory from the
 * generated events ({@link RebuildIntervalModel}: every interval with its bounds, by checksum). Then
 * {@code ConsumerPerformance} reads the same topics with the view's consumer settings.
 */
final class RebuildBenchmark implements Benchmark {

    static final List<String> TOPICS = List.of(Topics.PARTNERSHIPS, Topics.CUSTOMERS, Topics.SUBSCRIPTIONS);
    static final double TARGET_EVENTS_PER_SECOND = 20_000;
    static final Report REPORT = new Report("rebuild-bench", "Reseller associations view: rebuild from 1,000,000 "
            + "events", "RebuildBenchmark", """
            | Date (UTC) | Run | events (records) | rebuild events/s: start → completed \
            | rebuild events/s: start → all applied | live catch-up events/s | ConsumerPerformance records/s \
            | ratio rebuild/consumer | service heap: -Xmx / peak used / max after GC | rebuilt = live \
            | cores | load avg (1 min) at service start |
            |---|---|---:|---:|---:|---:|---:|---:|---|---|---:|---:|""");
    private static final Pattern GC_PAUSE = Pattern.compile(
            "^\\[([\\d.]+)s\\].*GC\\(\\d+\\) (Pause [A-Za-z]+)[^\\n]*? (\\d+)M->(\\d+)M\\((\\d+)M\\) ([\\d.]+)ms");

    private final int events = intSetting("bench.events", 1_000_000);
    private final Duration timeout = new Duration(intSetting("bench.timeout-seconds", 1800));
    private final String serviceHeap = System.getProperty("bench.service-heap", "512m");

    private final Result result = new Result();
    private BenchmarkHarness harness;

    private record Duration(long seconds) {
    }

    @Override
    public Setup setup() {
        return new Setup(TOPICS, "rebuild_bench");
    }

    @Override
    public Outcome run(BenchmarkHarness harness) throws Exception {
        this.harness = harness;
        produce();
        verifyTopics();
        harness.measure(this::runService);
        Map<String, String> viewConsumer = new LinkedHashMap<>();
        // the view's consumer settings (csp-platform-defaults.properties, AssociationView)
        viewConsumer.put("isolation.level", "read_committed");
        viewConsumer.put("max.poll.records", "2000");
        result.consumerPerf = harness.kafkaPerformance().consumer(result.topicSizes, viewConsumer, serviceHeap);
        String label = (harness.machine().label().isBlank() ? "default" : harness.machine().label()).replace("|", "/");
        return new Outcome(result.summary(harness), result.verified(), REPORT, label, result.cells(harness));
    }

    // ------------------------------------------------------------------------------------------------ history

    private void produce() {
        RebuildEventGenerator generator = new RebuildEventGenerator(events, intSetting("bench.providers", 50),
                intSetting("bench.resellers", 5_000), intSetting("bench.partners-per-provider", 200),
                intSetting("bench.customers", 100_000), intSetting("bench.subscriptions", 300_000),
                Double.parseDouble(System.getProperty("bench.duplicate-share", "0.001")),
                Long.parseLong(System.getProperty("bench.seed", "42")));
        log("writing %,d events onto %s", events, TOPICS);
        result.produced = generator.produce(harness.bootstrapServers());
        RebuildEventGenerator.Produced p = result.produced;
        log("wrote %,d events (+%,d duplicate deliveries = %,d records) in %.1f s (%,.0f records/s): %s", p.events,
                p.duplicates, p.records, p.seconds, p.records / p.seconds, p.perTopic);
        log("event types: %s", p.perType);
        log("expected view: %,d interval rows, %,d closed, %,d open", p.opens, p.closes, p.openRows());
    }

    /** Every record must be on the topics before anything is timed. */
    private void verifyTopics() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, harness.bootstrapServers());
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

    private Void runService() throws IOException, InterruptedException {
        Path logback = harness.logback();
        Path work = Files.createTempDirectory("rebuild-bench-");
        Path input = work.resolve("in.properties");
        Path output = work.resolve("out.properties");
        Path gcLog = work.resolve("gc.log");
        Properties in = new Properties();
        in.setProperty("datasource.url", harness.databaseUrl());
        in.setProperty("datasource.user", harness.databaseUser());
        in.setProperty("datasource.password", harness.databasePassword());
        in.setProperty("bootstrap-servers", harness.bootstrapServers());
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
        return null;
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

    /** What this benchmark measured in one run; the harness holds what every run records. */
    static final class Result {
        RebuildEventGenerator.Produced produced;
        final Map<String, Long> topicSizes = new LinkedHashMap<>();
        String serviceJvm;
        int serviceExit;
        Properties service = new Properties();
        GcStats gcLive = new GcStats();
        GcStats gcRebuild = new GcStats();
        String gcCollector = "?";
        KafkaPerformance.Consumer consumerPerf;

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
            return rebuildRate() / consumerPerf.rate();
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
        String cells(BenchmarkHarness harness) {
            return String.format(Locale.ROOT,
                    "%,d (%,d) | **%,.0f** | %,.0f | %,.0f | %,.0f | %.3f | %s / %.0f MiB / %d MiB | %s | %d | %s",
                    produced.events, produced.records, rebuildRate(), rebuildAppliedRate(), liveRate(),
                    consumerPerf.rate(), ratio(), "-Xmx" + service.getProperty("heap.max-mib", "?")
                            .replaceAll("\\..*", "") + "m", rebuildPeakHeapMib(), gcRebuild.maxAfterMib,
                    verified() ? "yes" : "**NO**", harness.machine().cores(),
                    harness.loadAtStart() == null ? "?" : harness.loadAtStart().split(" ")[0]);
        }

        String summary(BenchmarkHarness harness) {
            RebuildEventGenerator.Produced p = produced;
            Summary rows = harness.summary("RebuildBenchmark", 24, "at service start", "after rebuild");
            rows.row("history", String.format(Locale.ROOT, "%,d events + %,d duplicate deliveries = %,d records "
                            + "on 3 topics x %d partitions %s; %d providers, %,d resellers, %,d partnerships, %,d "
                            + "customers, %,d subscriptions; %.0f-byte values, %.0f bytes/record with key and headers",
                    p.events, p.duplicates, p.records, BenchmarkHarness.PARTITIONS, topicSizes, p.providers, p.resellers,
                    p.partnerships, p.customers, p.subscriptions, (double) p.payloadBytes / p.events,
                    (double) p.recordBytes / p.records));
            rows.row("event types", p.perType.toString());
            rows.row("produced in", String.format(Locale.ROOT, "%.1f s (%,.0f records/s, KafkaProducer acks=all "
                    + "linger.ms=10 batch.size=131072)", p.seconds, p.records / p.seconds));
            rows.row("service JVM", "java " + serviceJvm + " | " + service.getProperty("jvm") + " | " + gcCollector);
            rows.row("service settings", "datasource " + service.getProperty("service.datasource") + " pool "
                    + service.getProperty("service.pool") + "; view consumer max.poll.records 2000 (AssociationView)");
            rows.row("live catch-up", String.format(Locale.ROOT, "%.1f s from context ready (boot %.1f s): %,.0f "
                            + "events/s; service CPU %.1f s, machine busy %.0f%%", number("live.seconds-from-context-ready"),
                    number("live.boot-seconds"), liveRate(), number("live.service-cpu-seconds"),
                    100 * number("live.machine-busy-share")));
            rows.row("rebuild wall time", String.format(Locale.ROOT, "%.1f s from startRebuild() to state 'completed' "
                            + "(all %,d events applied at %.1f s; service's own status: %s s, %s events/s)",
                    number("rebuild.seconds"), p.events, number("rebuild.seconds-to-all-applied"),
                    service.getProperty("rebuild.status.seconds"), service.getProperty("rebuild.status.events-per-second")));
            rows.row("rebuild events/s", String.format(Locale.ROOT, "%,.0f  (startRebuild() -> completed; %,.0f to "
                    + "all applied)", rebuildRate(), rebuildAppliedRate()));
            rows.row("rebuild CPU", String.format(Locale.ROOT, "service JVM %.1f s CPU over %.1f s (%.0f%% of one "
                            + "core), machine busy %.0f%% of %d cores (PostgreSQL, broker, service)",
                    number("rebuild.service-cpu-seconds"), number("rebuild.wall-seconds"),
                    100 * number("rebuild.service-cpu-seconds") / number("rebuild.wall-seconds"),
                    100 * number("rebuild.machine-busy-share"), harness.machine().cores()));
            rows.row("ConsumerPerformance", String.format(Locale.ROOT, "%,.0f records/s (%,d records, the three "
                    + "topics one after the other; %,.0f records/s without group joins)", consumerPerf.rate(),
                    consumerPerf.records(), consumerPerf.fetchRate()));
            rows.row("  command", consumerPerf.command());
            for (String line : consumerPerf.lines()) {
                rows.row("  " + line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 2));
            }
            rows.row("ratio rebuild/consumer", String.format(Locale.ROOT, "%.3f (completed), %.3f (all applied); "
                    + "live catch-up/consumer %.3f", ratio(), rebuildAppliedRate() / consumerPerf.rate(),
                    liveRate() / consumerPerf.rate()));
            rows.row("heap (rebuild)", String.format(Locale.ROOT, "-Xmx%s; peak used %.0f MiB (GC log: %s; 20 ms "
                            + "samples max %.0f MiB; heap pool peaks %s)", service.getProperty("heap.max-mib", "?")
                            .replaceAll("\\..*", "") + "m", rebuildPeakHeapMib(), gcRebuild,
                    number("heap.rebuild.sampled-max-used-mib"), service.getProperty("heap.rebuild.pool-peaks")));
            rows.row("heap (boot + live)", String.format(Locale.ROOT, "GC log: %s; 20 ms samples max %.0f MiB", gcLive,
                    number("heap.live.sampled-max-used-mib")));
            rows.row("live generation", service.getProperty("live.rows") + " rows, " + service.getProperty("live.closed")
                    + " closed, " + service.getProperty("live.per-kind") + ", checksum "
                    + service.getProperty("live.checksum"));
            rows.row("rebuilt generation", service.getProperty("rebuilt.rows") + " rows, "
                    + service.getProperty("rebuilt.closed") + " closed, " + service.getProperty("rebuilt.per-kind")
                    + ", checksum " + service.getProperty("rebuilt.checksum"));
            rows.row("check", String.format(Locale.ROOT, "rebuilt = live row for row (except all both ways: %s / %s): "
                            + "%s; both = the in-memory model (%,d rows, %,d closed, interval checksum %s; live %s, "
                            + "rebuilt %s): %s; consumed ids live %s rebuilt %s of %,d; old generation rows left %s",
                    service.getProperty("live-minus-rebuilt"), service.getProperty("rebuilt-minus-live"),
                    equalGenerations() ? "OK" : "*** FAILED ***", p.modelRows, p.modelClosed, p.modelChecksum,
                    service.getProperty("live.model-checksum"), service.getProperty("rebuilt.model-checksum"),
                    expectedOutcome() ? "OK" : "*** FAILED ***", service.getProperty("live.consumed"),
                    service.getProperty("rebuilt.consumed"), p.events, service.getProperty("old-generation-rows-left")));
            rows.row("targets", String.format(Locale.ROOT, ">= %,.0f events/s: %s; rebuild within a 512 MB heap: %s",
                    TARGET_EVENTS_PER_SECOND, rateMet() ? "MET" : "NOT MET", heapMet() ? "MET" : "NOT MET"));
            return rows.timeline("live progress (s since context start: records)",
                            List.of(service.getProperty("live.timeline", "").split(" ")), 10)
                    .timeline("rebuild progress (s since startRebuild(): events applied)",
                            List.of(service.getProperty("rebuild.timeline", "").split(" ")), 10)
                    .plotRates("rebuild-" + p.events + "-" + (harness.machine().label().isBlank() ? "default"
                                    : harness.machine().label()), String.format(Locale.ROOT,
                            "associations view from %,d events: live catch-up and rebuild", p.events), "events/s")
                    .text();
        }
    }
}
