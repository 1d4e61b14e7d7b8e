package com.cspchannel.benchmarks;

import com.cspchannel.partnership.integration.AssociationView;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The service side of {@link RebuildBenchmark}, in its own JVM so that its heap limit ({@code -Xmx512m}) and its
 * heap use are the service's alone. Boots partnership-service (no web server, relay off: the event store is
 * empty), lets the active generation of the associations view consume the topics, copies and checksums that
 * generation, starts a rebuild through the {@link AssociationView} bean, times it until the state says
 * {@code completed}, and checks that the rebuilt generation equals the live one row for row. Results go to a
 * properties file (second argument) that the driver reads.
 */
public final class RebuildServiceJvm {

    private static final String ROW = "(opened_by_event, kind, provider_tenant_id, reseller_tenant_id, subject_id, "
            + "customer_id, partner_id, since, until)";
    private static final String COLUMNS = ROW.substring(1, ROW.length() - 1);

    private final Properties in;
    private final Properties out = new Properties();
    private final HeapSampler heap = new HeapSampler();
    private final long events;
    private final long records;
    private final long timeoutNanos;

    private RebuildServiceJvm(Properties in) {
        this.in = in;
        this.events = Long.parseLong(in.getProperty("events"));
        this.records = Long.parseLong(in.getProperty("records"));
        this.timeoutNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(in.getProperty("timeout-seconds", "1800")));
    }

    public static void main(String[] args) {
        int exit = 0;
        RebuildServiceJvm jvm = null;
        try {
            Properties in = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
                in.load(reader);
            }
            jvm = new RebuildServiceJvm(in);
            jvm.run();
        } catch (Throwable e) {
            System.err.println("REBUILD SERVICE JVM FAILED: " + e);
            e.printStackTrace();
            if (jvm != null) {
                jvm.out.setProperty("error", String.valueOf(e));
            }
            exit = 1;
        }
        if (jvm != null) {
            try (Writer writer = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
                jvm.out.store(writer, "RebuildServiceJvm");
            } catch (IOException e) {
                System.err.println("cannot write results: " + e);
                exit = 1;
            }
        }
        System.out.flush();
        System.exit(exit);
    }

    private void run() throws Exception {
        heap.start();
        out.setProperty("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB, "
                + ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Xm") || a.startsWith("-XX:+Use")).toList() + ", GC "
                + ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .toList());

        // ---- live: the active generation consumes the topics from the start, as on a first deployment
        long started = System.nanoTime();
        long uptimeAtStart = ManagementFactory.getRuntimeMXBean().getUptime();
        ConfigurableApplicationContext context = boot();
        long ready = System.nanoTime();
        try {
            Environment environment = context.getEnvironment();
            out.setProperty("service.datasource", environment.getProperty("spring.datasource.url", "")
                    .replaceAll("//[^/]+/[^?]+", "//<host>/<db>"));
            out.setProperty("service.pool", environment.getProperty("spring.datasource.hikari.maximum-pool-size", "?"));
            out.setProperty("live.boot-seconds", fmt((ready - started) / 1e9));
            AssociationView view = context.getBean(AssociationView.class);
            List<MeterRegistry> registries = List.copyOf(context.getBeansOfType(MeterRegistry.class).values());
            CpuMeter liveCpu = CpuMeter.start();
            List<String> liveTimeline = new ArrayList<>();
            long lastSample = 0;
            long caughtUp = 0;
            while (caughtUp == 0) {
                long now = System.nanoTime();
                if (now - started > timeoutNanos) {
                    throw new IllegalStateException("the live generation did not catch up in time; lag "
                            + gauge(registries, "csp.view.lag"));
                }
                double lag = gauge(registries, "csp.view.lag");
                if (now - lastSample >= 1_000_000_000L) {
                    liveTimeline.add(String.format(Locale.ROOT, "%.1f:%d", (now - started) / 1e9,
                            lag < 0 ? 0 : (long) (records - lag)));
                    lastSample = now;
                }
                if (lag == 0) {
                    caughtUp = now;
                    liveTimeline.add(String.format(Locale.ROOT, "%.1f:%d", (now - started) / 1e9, records));
                } else {
                    Thread.sleep(100);
                }
            }
            liveCpu.stop();
            int live = view.activeGeneration();
            heap.phase("rebuild"); // the live phase ends here; its peaks are kept apart
            out.setProperty("live.generation", Integer.toString(live));
            out.setProperty("live.seconds-from-context-start", fmt((caughtUp - started) / 1e9));
            out.setProperty("live.seconds-from-context-ready", fmt((caughtUp - ready) / 1e9));
            out.setProperty("live.timeline", String.join(" ", liveTimeline));
            liveCpu.record(out, "live.");
            out.setProperty("live.uptime-ms", uptimeAtStart + "-" + ManagementFactory.getRuntimeMXBean().getUptime());

            try (Connection db = connect()) {
                out.setProperty("live.consumed", Long.toString(count(db,
                        "select count(*) from consumed_event where consumer = 'partnership-service.associations.g" + live + "'")));
                Checksum liveSum = checksum(db, live);
                liveSum.record(out, "live.");
                System.out.printf(Locale.ROOT, "[service] live generation %d caught up after %.1f s: %s%n", live,
                        (caughtUp - started) / 1e9, liveSum);
                // an exact copy to compare with after the swap (the swap deletes the old generation's rows)
                try (Statement statement = db.createStatement()) {
                    statement.execute("drop table if exists bench_live_copy");
                    statement.execute("create table bench_live_copy as select " + COLUMNS
                            + " from reseller_association where generation = " + live);
                    statement.execute("analyze reseller_association");
                    statement.execute("analyze consumed_event");
                    try {
                        statement.execute("checkpoint");
                        out.setProperty("checkpoint-before-rebuild", "yes");
                    } catch (SQLException e) {
                        out.setProperty("checkpoint-before-rebuild", "no (" + e.getMessage() + ")");
                    }
                }
            }

            // ---- rebuild: a new generation from offset 0 while the live one keeps answering
            System.out.println("[service] starting the rebuild");
            heap.resetPeaks();
            long gcCountBefore = gcCount();
            long gcTimeBefore = gcTime();
            long uptimeBefore = ManagementFactory.getRuntimeMXBean().getUptime();
            CpuMeter rebuildCpu = CpuMeter.start();
            long rebuildStart = System.nanoTime();
            AssociationView.Status status = view.startRebuild();
            int building = status.buildingGeneration();
            List<String> timeline = new ArrayList<>();
            long allApplied = 0;
            long done = 0;
            long maxApplied = 0;
            lastSample = 0;
            try (Connection db = connect(); PreparedStatement state = db.prepareStatement("select rebuild_state, "
                    + "active_generation, rebuild_error from association_view_state where id = 1")) {
                while (done == 0) {
                    long now = System.nanoTime();
                    if (now - rebuildStart > timeoutNanos) {
                        throw new IllegalStateException("the rebuild did not complete in time; applied " + maxApplied);
                    }
                    try {
                        long applied = (long) gauge(registries, "csp.view.rebuild.events.processed");
                        maxApplied = Math.max(maxApplied, applied);
                    } catch (NullPointerException e) {
                        // The counter reads the view's state twice; when the generations swap in between, it
                        // throws. Only this sample is lost: the state query below still sees the completion.
                    }
                    if (allApplied == 0 && maxApplied >= events) {
                        allApplied = now;
                    }
                    if (now - lastSample >= 1_000_000_000L) {
                        timeline.add(String.format(Locale.ROOT, "%.1f:%d", (now - rebuildStart) / 1e9, maxApplied));
                        lastSample = now;
                    }
                    try (ResultSet rs = state.executeQuery()) {
                        rs.next();
                        if ("completed".equals(rs.getString(1)) && rs.getInt(2) == building) {
                            done = System.nanoTime();
                        } else if (rs.getString(3) != null) {
                            throw new IllegalStateException("rebuild error: " + rs.getString(3));
                        }
                    }
                    if (done == 0) {
                        Thread.sleep(100);
                    }
                }
            }
            rebuildCpu.stop();
            long uptimeAfter = ManagementFactory.getRuntimeMXBean().getUptime();
            heap.phase("after");
            timeline.add(String.format(Locale.ROOT, "%.1f:%d", (done - rebuildStart) / 1e9, events));
            AssociationView.Status finished = view.status();
            out.setProperty("rebuild.generation", Integer.toString(building));
            out.setProperty("rebuild.seconds", fmt((done - rebuildStart) / 1e9));
            out.setProperty("rebuild.seconds-to-all-applied",
                    allApplied == 0 ? "" : fmt((allApplied - rebuildStart) / 1e9));
            out.setProperty("rebuild.timeline", String.join(" ", timeline));
            out.setProperty("rebuild.status", finished.toString());
            out.setProperty("rebuild.status.events-processed", Long.toString(finished.eventsProcessed()));
            out.setProperty("rebuild.status.events-per-second", fmt(finished.eventsPerSecond()));
            out.setProperty("rebuild.status.seconds", finished.finishedAt() == null || finished.startedAt() == null ? ""
                    : fmt((finished.finishedAt().toEpochMilli() - finished.startedAt().toEpochMilli()) / 1000.0));
            out.setProperty("rebuild.gc-count", Long.toString(gcCount() - gcCountBefore));
            out.setProperty("rebuild.gc-millis", Long.toString(gcTime() - gcTimeBefore));
            out.setProperty("rebuild.uptime-ms", uptimeBefore + "-" + uptimeAfter);
            rebuildCpu.record(out, "rebuild.");
            heap.record(out);

            try (Connection db = connect()) {
                Checksum rebuilt = checksum(db, building);
                rebuilt.record(out, "rebuilt.");
                out.setProperty("rebuilt.consumed", Long.toString(count(db,
                        "select count(*) from consumed_event where consumer = 'partnership-service.associations.g" + building + "'")));
                out.setProperty("old-generation-rows-left", Long.toString(count(db,
                        "select count(*) from reseller_association where generation = " + live)));
                out.setProperty("live-minus-rebuilt", Long.toString(count(db, "select count(*) from (select "
                        + COLUMNS + " from bench_live_copy except all select " + COLUMNS
                        + " from reseller_association where generation = " + building + ") d")));
                out.setProperty("rebuilt-minus-live", Long.toString(count(db, "select count(*) from (select "
                        + COLUMNS + " from reseller_association where generation = " + building
                        + " except all select " + COLUMNS + " from bench_live_copy) d")));
                try (Statement statement = db.createStatement()) {
                    statement.execute("drop table bench_live_copy");
                }
                System.out.printf(Locale.ROOT, "[service] rebuild into generation %d completed after %.1f s: %s%n",
                        building, (done - rebuildStart) / 1e9, rebuilt);
            }
        } finally {
            heap.stop();
            context.close();
        }
    }

    private ConfigurableApplicationContext boot() {
        // relay off: the event store is empty, the topics are filled by the driver
        return PartnershipService.boot(in.getProperty("datasource.url"), in.getProperty("datasource.user"),
                in.getProperty("datasource.password", ""), in.getProperty("bootstrap-servers"), false,
                List.of(in.getProperty("service-args", "").split("\\s+")), builder -> builder);
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(in.getProperty("datasource.url"),
                in.getProperty("datasource.user"), in.getProperty("datasource.password", ""));
        connection.setAutoCommit(true);
        return connection;
    }

    private static double gauge(List<MeterRegistry> registries, String name) {
        // a gauge or a function counter (csp.view.rebuild.events.processed): the first measurement is the value
        for (MeterRegistry registry : registries) {
            Meter meter = registry.find(name).meter();
            if (meter != null) {
                for (Measurement measurement : meter.measure()) {
                    return measurement.getValue();
                }
            }
        }
        throw new IllegalStateException("no meter " + name);
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Row count, closed rows, rows per kind and an order-independent sum of 60-bit row hashes. */
    record Checksum(long rows, long closed, String perKind, String hashSum, String modelSum) {
        void record(Properties out, String prefix) {
            out.setProperty(prefix + "rows", Long.toString(rows));
            out.setProperty(prefix + "closed", Long.toString(closed));
            out.setProperty(prefix + "per-kind", perKind);
            out.setProperty(prefix + "checksum", hashSum);
            out.setProperty(prefix + "model-checksum", modelSum);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d rows (%,d closed), %s, checksum %s", rows, closed, perKind,
                    hashSum);
        }
    }

    private static Checksum checksum(Connection db, int generation) throws SQLException {
        String model;
        try (PreparedStatement statement = db.prepareStatement(RebuildIntervalModel.SQL_CHECKSUM)) {
            statement.setInt(1, generation);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                model = rs.getString(3);
            }
        }
        long rows;
        long closed;
        String sum;
        try (PreparedStatement statement = db.prepareStatement("select count(*), count(until), coalesce(sum(('x' || "
                + "substr(md5(row" + ROW + "::text), 1, 15))::bit(60)::bigint), 0)::text "
                + "from reseller_association where generation = ?")) {
            statement.setInt(1, generation);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                rows = rs.getLong(1);
                closed = rs.getLong(2);
                sum = rs.getString(3);
            }
        }
        List<String> kinds = new ArrayList<>();
        try (PreparedStatement statement = db.prepareStatement("select kind, count(*) from reseller_association "
                + "where generation = ? group by kind order by kind")) {
            statement.setInt(1, generation);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    kinds.add(rs.getString(1) + "=" + rs.getLong(2));
                }
            }
        }
        return new Checksum(rows, closed, String.join(" ", kinds), sum, model);
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcTime() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    static String fmt(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** CPU used by this JVM and by the whole machine (all processes: PostgreSQL, the broker) over a phase. */
    private static final class CpuMeter {
        private final long processStart;
        private final long[] machineStart;
        private final long wallStart;
        private long process;
        private long[] machine;
        private long wall;

        private CpuMeter() {
            processStart = processCpuNanos();
            machineStart = Machine.cpuTicks();
            wallStart = System.nanoTime();
        }

        static CpuMeter start() {
            return new CpuMeter();
        }

        void stop() {
            process = processCpuNanos() - processStart;
            long[] now = Machine.cpuTicks();
            machine = new long[] {now[0] - machineStart[0], now[1] - machineStart[1]};
            wall = System.nanoTime() - wallStart;
        }

        void record(Properties out, String prefix) {
            out.setProperty(prefix + "service-cpu-seconds", fmt(process / 1e9));
            out.setProperty(prefix + "wall-seconds", fmt(wall / 1e9));
            out.setProperty(prefix + "machine-busy-share",
                    machine[1] == 0 ? "" : fmt((double) machine[0] / machine[1]));
        }

        private static long processCpuNanos() {
            var os = ManagementFactory.getOperatingSystemMXBean();
            return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
        }
    }

    /**
     * Heap used, sampled every 20 ms from the MemoryMXBean (a lower bound of the true peak: the peak is just before
     * a collection), and the peak of each heap pool from the MemoryPoolMXBeans (their sum is an upper bound).
     */
    private static final class HeapSampler implements Runnable {
        private final Thread thread = new Thread(this, "bench-heap-sampler");
        private volatile boolean running = true;
        private volatile String phase = "live";
        private final java.util.Map<String, long[]> maxima = new java.util.concurrent.ConcurrentHashMap<>();

        void start() {
            thread.setDaemon(true);
            thread.start();
        }

        void phase(String name) {
            phase = name;
        }

        void resetPeaks() {
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    pool.resetPeakUsage();
                }
            }
        }

        void stop() {
            running = false;
        }

        void record(Properties out) {
            maxima.forEach((name, values) -> {
                out.setProperty("heap." + name + ".sampled-max-used-mib", fmt(values[0] / 1048576.0));
                out.setProperty("heap." + name + ".sampled-max-committed-mib", fmt(values[1] / 1048576.0));
            });
            long sum = 0;
            List<String> pools = new ArrayList<>();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    long peak = pool.getPeakUsage().getUsed();
                    sum += peak;
                    pools.add(pool.getName() + " " + (peak >> 20) + " MiB");
                }
            }
            out.setProperty("heap.rebuild.pool-peaks", String.join(", ", pools));
            out.setProperty("heap.rebuild.pool-peaks-sum-mib", fmt(sum / 1048576.0));
            out.setProperty("heap.max-mib", fmt(Runtime.getRuntime().maxMemory() / 1048576.0));
        }

        @Override
        public void run() {
            var memory = ManagementFactory.getMemoryMXBean();
            while (running) {
                var usage = memory.getHeapMemoryUsage();
                long[] values = maxima.computeIfAbsent(phase, p -> new long[2]);
                values[0] = Math.max(values[0], usage.getUsed());
                values[1] = Math.max(values[1], usage.getCommitted());
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
