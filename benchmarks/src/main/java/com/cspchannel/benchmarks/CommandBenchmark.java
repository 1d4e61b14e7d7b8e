package com.cspchannel.benchmarks;

import com.cspchannel.infra.CustomerRequests;
import com.fasterxml.jackson.databind.JsonNode;
import io.gatling.app.Gatling$;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.cspchannel.benchmarks.BenchmarkHarness.log;
import static com.cspchannel.benchmarks.BenchmarkHarness.warn;
import static com.cspchannel.benchmarks.StackClient.JSON;
import static com.cspchannel.benchmarks.StackClient.expect2xx;
import static com.cspchannel.benchmarks.StackClient.percentile;

/**
 * P1 of the performance issue: write commands over HTTP on the running local stack (all four services; start it
 * with the README's run command), beside the limit measured in the same run by {@code pgbench}: one Axon-shaped
 * row inserted and committed per transaction, with as many clients as the HTTP load has connections.
 * <p>
 * Per command (an invitation; a customer with an initial order; a subscription's quantity, PATCH), with Gatling
 * ({@link CommandSimulation}):
 * <ol>
 *   <li>a warm-up for the JIT compilers (the same connections, {@code bench.warmup-seconds}, 30), not measured;</li>
 *   <li>the peak: {@code bench.connections} (16) connections without pause for {@code bench.seconds} (30): commands
 *       answered 2xx per second, the latency of every answer, and the machine's CPU per command (all processes,
 *       from /proc/stat);</li>
 *   <li>after the pipeline has caught up (every consumer's and relay's lag back to 0), half of that peak rate as a
 *       fixed arrival rate for {@code bench.seconds}: the latency there is the figure of the target (p99 &le; 50 ms);</li>
 *   <li>unless {@code bench.overload} is false, twice the peak rate as a fixed arrival rate: admitted commands'
 *       latency and how many are refused (503 {@code overloaded}) rather than left to time out.</li>
 * </ol>
 * The figures go to docs/benchmarks.md (section {@code command-bench}), the plots (throughput per second, latency
 * by percentile) to docs/benchmarks/, Gatling's HTML reports to benchmarks/target/gatling/.
 * <p>
 * Settings: {@code bench.commands} (invitation,customer,subscription-patch), {@code bench.connections},
 * {@code bench.seconds}, {@code bench.warmup-seconds}, {@code bench.pgbench-seconds} (15), {@code bench.postgres}
 * (jdbc:postgresql://127.0.0.1:5432/), {@code bench.postgres-user} (postgres), the URLs of {@link StackClient},
 * {@code bench.label}, {@code bench.report} ({@code none}: print only).
 */
final class CommandBenchmark {

    /** The phase Gatling is running: {@link CommandSimulation} reads it when Gatling instantiates it. */
    static volatile Phase phase;

    private static final Report REPORT = new Report("command-bench", "Write commands over HTTP (P1)",
            "CommandBenchmark", """
            | Date (UTC) | Run | command | peak 2xx/s (connections) | p50 / p99 ms at peak | pgbench tps (same clients) \
            | ratio | rate at half peak /s | p50 / p99 ms at half peak | not 2xx (peak / half) | machine CPU ms per \
            command | load avg (1 min) |
            |---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|""");

    private final StackClient stack = new StackClient();
    private final int connections = BenchmarkHarness.intSetting("bench.connections", 16);
    private final Duration measured = Duration.ofSeconds(BenchmarkHarness.intSetting("bench.seconds", 30));
    private final Duration warmup = Duration.ofSeconds(BenchmarkHarness.intSetting("bench.warmup-seconds", 30));
    private final int pgbenchSeconds = BenchmarkHarness.intSetting("bench.pgbench-seconds", 15);
    /** After the half-peak phase, twice the peak as a fixed arrival rate: does overload answer 503 or time out? */
    private final boolean overload = Boolean.parseBoolean(System.getProperty("bench.overload", "true"));
    private final List<String> commands = List.of(System.getProperty("bench.commands",
            "invitation,customer,subscription-patch").split(","));
    private final String postgres = System.getProperty("bench.postgres", "jdbc:postgresql://127.0.0.1:5432/");
    private final String postgresUser = System.getProperty("bench.postgres-user", "postgres");
    private final HttpClient http = HttpClient.newHttpClient();
    /** Each command's peak 2xx rate of the last run, for the latency benchmark's half-peak load. */
    private final Map<String, Double> peaks = new java.util.LinkedHashMap<>();

    /** One command as Gatling sends it: a fresh path and body for every request. */
    record Command(String name, String baseUrl, String token, String method, Supplier<String> path,
                   Supplier<String> body) {
    }

    /**
     * One Gatling run: {@code connections > 0} is the closed model, otherwise {@code ratePerSecond} arrivals per
     * second. With several commands each request is one of them, picked at random with equal weight (the soak's
     * mixed load).
     */
    record Phase(String label, List<Command> commands, int connections, double ratePerSecond, Duration duration,
                 Recorder recorder) {

        Phase(String label, Command command, int connections, double ratePerSecond, Duration duration,
              Recorder recorder) {
            this(label, List.of(command), connections, ratePerSecond, duration, recorder);
        }
    }

    /** Every answer of a phase: when it came (ms since the phase began), how long it took, its status. */
    static final class Recorder {
        private final long start = System.currentTimeMillis();

        /** When the phase began (epoch ms), to line its answers up with samples taken beside it. */
        long start() {
            return start;
        }

        /**
         * The answers per {@code step} of the phase: {seconds into the phase at the step's end, 2xx, not 2xx, p50 ms,
         * p99 ms}.
         */
        List<double[]> intervals(Duration step, Duration duration) {
            int n = (int) Math.max(1, duration.toMillis() / step.toMillis());
            List<List<long[]>> buckets = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                buckets.add(new ArrayList<>());
            }
            for (long[] a : answers) {
                int i = (int) (a[0] / step.toMillis());
                if (i < n) {
                    buckets.get(i).add(a);
                }
            }
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long[] latencies = buckets.get(i).stream().filter(a -> a[1] >= 0).mapToLong(a -> a[1]).sorted()
                        .toArray();
                long ok = buckets.get(i).stream().filter(a -> a[2] / 100 == 2).count();
                points.add(new double[] {(i + 1) * step.toSeconds(), ok, buckets.get(i).size() - ok,
                        percentile(latencies, 50), percentile(latencies, 99)});
            }
            return points;
        }
        private final ConcurrentLinkedQueue<long[]> answers = new ConcurrentLinkedQueue<>();
        private final Map<String, Long> refusals = new java.util.concurrent.ConcurrentSkipListMap<>();

        void record(long millis, int status, String refusal) {
            answers.add(new long[] {System.currentTimeMillis() - start, millis, status});
            if (status / 100 != 2) {
                String code = status + (refusal == null ? "" : refusal.replaceAll("(?s).*\"code\":\"([^\"]+)\".*", " $1"));
                refusals.merge(code.length() > 80 ? code.substring(0, 80) : code, 1L, Long::sum);
            }
        }

        /** The answers that were not 2xx, by status and problem code. */
        Map<String, Long> refusals() {
            return refusals;
        }

        long ok() {
            return answers.stream().filter(a -> a[2] / 100 == 2).count();
        }

        long notOk() {
            return answers.size() - ok();
        }

        long[] sortedLatencies() {
            long[] latencies = answers.stream().filter(a -> a[1] >= 0).mapToLong(a -> a[1]).toArray();
            Arrays.sort(latencies);
            return latencies;
        }

        /** Latencies of the 2xx answers only, sorted. */
        long[] sortedOkLatencies() {
            long[] latencies = answers.stream().filter(a -> a[1] >= 0 && a[2] / 100 == 2).mapToLong(a -> a[1])
                    .toArray();
            Arrays.sort(latencies);
            return latencies;
        }

        /** 2xx answers per whole second of the phase: {second, count}. */
        List<double[]> perSecond(Duration duration) {
            long[] counts = new long[(int) duration.toSeconds() + 1];
            for (long[] a : answers) {
                int second = (int) (a[0] / 1000);
                if (a[2] / 100 == 2 && second < counts.length) {
                    counts[second]++;
                }
            }
            List<double[]> points = new ArrayList<>();
            for (int s = 0; s < counts.length - 1; s++) {
                points.add(new double[] {s, counts[s]});
            }
            return points;
        }

        /** The latency at each percentile from 1 to 99.9: {percentile, ms}. */
        List<double[]> percentiles() {
            long[] sorted = sortedLatencies();
            List<double[]> points = new ArrayList<>();
            for (double p : new double[] {1, 10, 25, 50, 75, 90, 95, 98, 99, 99.5, 99.9}) {
                points.add(new double[] {p, percentile(sorted, p)});
            }
            return points;
        }
    }

    int run() throws Exception {
        Machine machine = Machine.describe();
        double[] pgbench = pgbench();
        log("pgbench one-row insert+commit: %,.0f tps with %d clients, %,.0f with 1", pgbench[0], connections,
                pgbench[1]);
        StackClient.Provider provider = stack.registerProvider();
        List<String> rows = new ArrayList<>();
        StringBuilder summary = new StringBuilder();
        summary.append(String.format(Locale.ROOT, "=== CommandBenchmark ===%ndate            %s %s%nmachine         %s%n"
                        + "pgbench         %,.0f tps (%d clients), %,.0f tps (1 client), %d s each, one Axon-shaped "
                        + "row per transaction (-M prepared), fsync=%s synchronous_commit=%s%n",
                machine.date(), machine.time(), machine.description(), pgbench[0], connections, pgbench[1],
                pgbenchSeconds, setting("fsync"), setting("synchronous_commit")));
        for (String name : commands) {
            Command command = command(name.trim(), provider);
            awaitPipelineIdle();
            gatling(new Phase(name + "-warmup", command, connections, 0, warmup, new Recorder()));
            awaitPipelineIdle();
            String loadBefore = Machine.loadAverage();
            long[] cpuBefore = Machine.cpuTicks();
            Map<String, Long> processesBefore = ProcessCpu.snapshot();
            Phase peak = new Phase(name + "-peak", command, connections, 0, measured, new Recorder());
            gatling(peak);
            long[] cpuAfter = Machine.cpuTicks();
            Map<String, Double> cpuByProcess = ProcessCpu.millisBetween(processesBefore, ProcessCpu.snapshot(),
                    Math.max(1, peak.recorder().ok()));
            double peakRate = peak.recorder().ok() / (double) measured.toSeconds();
            peaks.put(name, peakRate);
            double cpuMsPerCommand = (cpuAfter[0] - cpuBefore[0]) * 10.0 / Math.max(1, peak.recorder().ok());
            long caughtUp = awaitPipelineIdle();
            Phase half = new Phase(name + "-half", command, 0, Math.max(1, peakRate / 2), measured, new Recorder());
            gatling(half);
            long[] peakLatency = peak.recorder().sortedLatencies();
            long[] halfLatency = half.recorder().sortedLatencies();
            double ratio = peakRate / pgbench[0];
            String cells = String.format(Locale.ROOT, "%s | %,.0f (%d) | %d / %d | %,.0f | %.3f | %,.0f | %d / %d "
                            + "| %d / %d | %.1f | %s", name, peakRate, connections, percentile(peakLatency, 50),
                    percentile(peakLatency, 99), pgbench[0], ratio, half.ratePerSecond(), percentile(halfLatency, 50),
                    percentile(halfLatency, 99), peak.recorder().notOk(), half.recorder().notOk(), cpuMsPerCommand,
                    loadBefore.split(" ")[0]);
            rows.add(cells);
            summary.append(String.format(Locale.ROOT, "%-15s peak %,.0f 2xx/s at %d connections (p50 %d, p90 %d, p99 %d, "
                            + "max %d ms; %d not 2xx), machine CPU %.1f ms per command; pipeline idle again %,d ms "
                            + "after the peak; half peak %,.1f/s: p50 %d, p90 %d, p99 %d, max %d ms (%d not 2xx); "
                            + "ratio to pgbench %.3f; load %s; not 2xx: peak %s, half %s%n"
                            + "                CPU ms per command at peak by process: %s%n", name, peakRate, connections,
                    percentile(peakLatency, 50), percentile(peakLatency, 90), percentile(peakLatency, 99),
                    peakLatency.length == 0 ? -1 : peakLatency[peakLatency.length - 1], peak.recorder().notOk(),
                    cpuMsPerCommand, caughtUp, half.ratePerSecond(), percentile(halfLatency, 50),
                    percentile(halfLatency, 90), percentile(halfLatency, 99),
                    halfLatency.length == 0 ? -1 : halfLatency[halfLatency.length - 1], half.recorder().notOk(), ratio,
                    loadBefore, peak.recorder().refusals(), half.recorder().refusals(), format(cpuByProcess)));
            plot(name, peak, half);
            if (overload) {
                awaitPipelineIdle();
                Phase twice = new Phase(name + "-overload", command, 0, Math.max(2, peakRate * 2), measured,
                        new Recorder());
                gatling(twice);
                long[] all = twice.recorder().sortedLatencies();
                long[] admitted = twice.recorder().sortedOkLatencies();
                summary.append(String.format(Locale.ROOT, "%-15s twice the peak, %,.1f/s offered: %,.1f 2xx/s "
                                + "(p50 %d, p99 %d, max %d ms); every answer p99 %d, max %d ms; not 2xx: %s%n", "",
                        twice.ratePerSecond(), twice.recorder().ok() / (double) measured.toSeconds(),
                        percentile(admitted, 50), percentile(admitted, 99),
                        admitted.length == 0 ? -1 : admitted[admitted.length - 1], percentile(all, 99),
                        all.length == 0 ? -1 : all[all.length - 1], twice.recorder().refusals()));
            }
        }
        summary.append("target          >= 0.2 x pgbench at the same clients; p99 <= 50 ms at half peak\n");
        summary.append(scrapes());
        System.out.println();
        System.out.println(summary);
        Path file = BenchmarkHarness.reportFile();
        String label = machine.label().isBlank() ? "all commands" : machine.label();
        for (String cells : rows) {
            String key = "| " + machine.date() + " " + machine.time() + " | " + label + " | " + cells.split(" \\| ")[0];
            REPORT.record(file, key, key + cells.substring(cells.indexOf(" |")) + " |", label, summary.toString());
        }
        return 0;
    }

    /** The peak 2xx rate per second the last {@link #run()} measured for {@code command}, 0 when it did not run. */
    double peak(String command) {
        return peaks.getOrDefault(command, 0.0);
    }

    /** The command {@code name}, with what it needs on the stack set up first. */
    Command command(String name, StackClient.Provider provider) throws Exception {
        return switch (name) {
            // one new aggregate and one event per command: an invitation by email, for a reseller not enrolled yet
            case "invitation" -> new Command(name, stack.partnerships, provider.admin(), "POST",
                    () -> "/api/v1/partnership-invitations",
                    () -> "{\"resellerEmail\":\"admin@" + UUID.randomUUID() + ".example\"}");
            case "customer" -> {
                StackClient.Reseller reseller = partneredReseller(provider);
                yield new Command(name, stack.customers, provider.admin(), "POST", () -> "/api/v1/customers",
                        () -> json(CustomerRequests.newCustomer(reseller.id(), reseller.pla())));
            }
            case "subscription-patch" -> {
                List<String> paths = subscriptions(provider, partneredReseller(provider), 64);
                yield new Command(name, stack.subscriptions, provider.admin(), "PATCH",
                        () -> paths.get(ThreadLocalRandom.current().nextInt(paths.size())),
                        () -> "{\"quantity\":" + ThreadLocalRandom.current().nextInt(1, 100) + "}");
            }
            default -> throw new IllegalArgumentException("unknown command " + name
                    + " (invitation, customer, subscription-patch)");
        };
    }

    /** A reseller partnered with the provider, once customer-service knows it. */
    private StackClient.Reseller partneredReseller(StackClient.Provider provider) throws Exception {
        StackClient.Reseller reseller = stack.enrolReseller();
        stack.accept(stack.invite(provider, reseller), reseller);
        long deadline = System.currentTimeMillis() + 60_000;
        while (stack.call(stack.customers, "POST", "/api/v1/customers/validation", provider.admin(),
                CustomerRequests.newCustomer(reseller.id(), reseller.pla())).statusCode() / 100 != 2) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("customer-service never learnt of the partnership");
            }
            Thread.sleep(50);
        }
        return reseller;
    }

    /** {@code count} customers with an order of one subscription each; the subscriptions' paths. */
    private List<String> subscriptions(StackClient.Provider provider, StackClient.Reseller reseller, int count)
            throws Exception {
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            customers.add(expect2xx(stack.call(stack.customers, "POST", "/api/v1/customers", provider.admin(),
                    CustomerRequests.newCustomer(reseller.id(), reseller.pla()))).path("id").asText());
        }
        List<String> paths = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 120_000;
        for (String customer : customers) {
            String path = "/api/v1/customers/" + customer + "/subscriptions";
            while (true) {
                HttpResponse<String> list = stack.call(stack.subscriptions, "GET", path + "?size=10", provider.admin(),
                        null);
                JsonNode items = list.statusCode() == 200 ? JSON.readTree(list.body()).path("items") : null;
                if (items != null && !items.isEmpty()) {
                    paths.add(path + "/" + items.get(0).path("id").asText());
                    break;
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("subscription-service never fulfilled the orders");
                }
                Thread.sleep(50);
            }
        }
        return paths;
    }

    static void gatling(Phase next) {
        phase = next;
        log("%s: %s for %d s", next.label(), next.connections() > 0 ? next.connections() + " connections"
                : String.format(Locale.ROOT, "%.1f commands/s", next.ratePerSecond()), next.duration().toSeconds());
        int status = Gatling$.MODULE$.fromArgs(new String[] {"-s", CommandSimulation.class.getName(), "-rf",
                Path.of("target", "gatling").toAbsolutePath().toString(), "-rd", next.label()});
        if (status != 0) {
            warn("Gatling ended with status " + status + " in " + next.label());
        }
    }

    /**
     * Waits until every consumer and relay of the four services has no lag (their Prometheus gauges), so that one
     * phase's tail does not load the next; the milliseconds it took.
     */
    long awaitPipelineIdle() throws Exception {
        long start = System.currentTimeMillis();
        Pattern lag = Pattern.compile("^csp_(?:consumer_lag_records|relay_lag_events)\\{[^}]*} (\\S+)$",
                Pattern.MULTILINE);
        while (System.currentTimeMillis() - start < 300_000) {
            double total = 0;
            for (String base : List.of(stack.partnerships, stack.customers, stack.subscriptions,
                    stack.notifications)) {
                String scrape = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = lag.matcher(scrape);
                while (m.find()) {
                    total += Math.max(0, Double.parseDouble(m.group(1)));
                }
            }
            if (total == 0) {
                return System.currentTimeMillis() - start;
            }
            Thread.sleep(200);
        }
        warn("the pipeline did not catch up within 5 minutes");
        return System.currentTimeMillis() - start;
    }

    /**
     * One {@code /actuator/prometheus} answer of each service after the commands ran (every kind of meter they make
     * exists by then), its size and its histogram buckets: issue 13's scrape row, target at most 150 KB.
     */
    String scrapes() throws Exception {
        StringBuilder line = new StringBuilder("scrape          ");
        List<String> services = List.of(stack.partnerships, stack.customers, stack.subscriptions, stack.notifications);
        List<String> names = List.of("partnership", "customer", "subscription", "notification");
        for (int i = 0; i < services.size(); i++) {
            String scrape = http.send(HttpRequest.newBuilder(URI.create(services.get(i) + "/actuator/prometheus"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            long buckets = scrape.lines().filter(l -> !l.startsWith("#") && l.contains("_bucket{")).count();
            line.append(String.format(Locale.ROOT, "%s%s-service %,.1f KB (%d histogram buckets)", i == 0 ? "" : ", ",
                    names.get(i), scrape.getBytes(StandardCharsets.UTF_8).length / 1024.0, buckets));
        }
        return line.append("; target <= 150 KB each\n").toString();
    }

    /** pgbench on a scratch database: {tps at the benchmark's connections, tps at 1 client}. */
    double[] pgbench() throws Exception {
        String database = "csp_bench_pgbench_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = DriverManager.getConnection(postgres + "postgres", postgresUser, null);
             Statement statement = admin.createStatement()) {
            statement.execute("create database " + database);
        }
        try {
            try (Connection db = DriverManager.getConnection(postgres + database, postgresUser, null);
                 Statement statement = db.createStatement()) {
                // the columns and constraints of Axon's domain_event_entry, as the services' migrations create it
                statement.execute("""
                        create table domain_event_entry (
                            global_index bigserial primary key, event_identifier varchar(255) not null unique,
                            meta_data bytea, payload bytea not null, payload_revision varchar(255),
                            payload_type varchar(255) not null, time_stamp varchar(255) not null,
                            aggregate_identifier varchar(255) not null, sequence_number bigint not null,
                            type varchar(255), unique (aggregate_identifier, sequence_number))""");
            }
            Path script = Files.createTempFile("pgbench-event", ".sql");
            Files.writeString(script, """
                    insert into domain_event_entry (event_identifier, meta_data, payload, payload_type, time_stamp, \
                    aggregate_identifier, sequence_number, type) values (gen_random_uuid()::text, \
                    convert_to('{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","correlationId":"x"}', 'UTF8'), \
                    convert_to(repeat('x', 300), 'UTF8'), 'com.cspchannel.events.partnership.PartnershipInvited', \
                    now()::text, gen_random_uuid()::text, 0, 'Partnership');
                    """);
            try {
                return new double[] {pgbenchTps(database, script, connections), pgbenchTps(database, script, 1)};
            } finally {
                Files.deleteIfExists(script);
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(postgres + "postgres", postgresUser, null);
                 Statement statement = admin.createStatement()) {
                statement.execute("drop database if exists " + database + " with (force)");
            }
        }
    }

    private double pgbenchTps(String database, Path script, int clients) throws IOException, InterruptedException {
        URI uri = URI.create(postgres.substring("jdbc:".length()));
        List<String> command = List.of("pgbench", "-h", uri.getHost(), "-p", Integer.toString(uri.getPort()), "-U",
                postgresUser, "-n", "-M", "prepared", "-c", Integer.toString(clients), "-j",
                Integer.toString(Math.min(clients, Runtime.getRuntime().availableProcessors())), "-T",
                Integer.toString(pgbenchSeconds), "-f", script.toString(), database);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(out);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench printed no tps: " + out);
        }
        return Double.parseDouble(tps.group(1));
    }

    private String setting(String name) {
        try (Connection db = DriverManager.getConnection(postgres + "postgres", postgresUser, null);
             Statement statement = db.createStatement();
             var rs = statement.executeQuery("show " + name)) {
            return rs.next() ? rs.getString(1) : "?";
        } catch (Exception e) {
            return "?";
        }
    }

    private void plot(String name, Phase peak, Phase half) throws IOException {
        Path dir = Plots.directory();
        if (dir == null) {
            return;
        }
        Map<String, List<double[]>> throughput = new LinkedHashMap<>();
        throughput.put("peak: " + peak.connections() + " connections", peak.recorder().perSecond(peak.duration()));
        throughput.put(String.format(Locale.ROOT, "half peak: %.0f/s offered", half.ratePerSecond()),
                half.recorder().perSecond(half.duration()));
        Plots.lines(dir.resolve("commands-" + name + "-throughput.png"), name + ": 2xx answers per second",
                "seconds into the phase", "2xx answers per second", throughput);
        Map<String, List<double[]>> latency = new LinkedHashMap<>();
        latency.put("peak", peak.recorder().percentiles());
        latency.put("half peak", half.recorder().percentiles());
        Plots.lines(dir.resolve("commands-" + name + "-latency.png"), name + ": latency by percentile",
                "percentile", "milliseconds", latency);
    }

    private static String format(Map<String, Double> millis) {
        StringBuilder out = new StringBuilder();
        millis.forEach((name, ms) -> out.append(out.isEmpty() ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.1f", name, ms)));
        return out.toString();
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
