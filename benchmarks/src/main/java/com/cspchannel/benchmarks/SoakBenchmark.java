package com.cspchannel.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.cspchannel.benchmarks.BenchmarkHarness.intSetting;
import static com.cspchannel.benchmarks.BenchmarkHarness.log;
import static com.cspchannel.benchmarks.BenchmarkHarness.warn;
import static com.cspchannel.benchmarks.StackClient.percentile;

/**
 * The soak of the reliability issue: half of the peak rate of mixed commands (invitations, customers with an
 * initial order, subscription PATCHes, one picked at random per request) on the running local stack for
 * {@code bench.minutes} (30), recording over time what would show a leak or a pipeline that falls behind:
 * <ul>
 *   <li>each service's heap in use and its <em>live</em> heap: every {@code bench.live-heap-minutes} (5) the
 *       benchmark asks each service for a full collection ({@code jcmd <pid> GC.run}, the JDK's own tool) and
 *       reads the heap right after it; what survives a full collection is what a leak would grow;</li>
 *   <li>the resident memory (VmRSS) of each process: the services, the broker, PostgreSQL;</li>
 *   <li>relay and consumer lag (each service's {@code csp_relay_lag_events} and {@code csp_consumer_lag_records});</li>
 *   <li>per interval of {@code bench.sample-seconds} (10): 2xx and other answers, p50 and p99 latency.</li>
 * </ul>
 * The peak is measured first in the same run (the same mixed commands, {@code bench.connections} connections for
 * {@code bench.peak-seconds}), unless {@code bench.rate} gives the offered rate. Figures go to docs/benchmarks.md
 * (section {@code soak-bench}), plots to docs/benchmarks/soak-*.png.
 */
final class SoakBenchmark {

    private static final Report REPORT = new Report("soak-bench", "Soak: half the peak for half an hour",
            "SoakBenchmark", """
            | Date (UTC) | Run | minutes | offered /s (peak /s) | 2xx | not 2xx | p50 / p99 ms | worst interval p99 ms \
            | max lag (relay / consumers) | live heap MB, start → end (per service) | RSS MB, first → last 5 min \
            (services, broker, PostgreSQL) | memory flat, lag bounded |
            |---|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|""");
    private static final Pattern HEAP = Pattern.compile(
            "^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} (\\S+)$", Pattern.MULTILINE);
    private static final Pattern RELAY_LAG = Pattern.compile("^csp_relay_lag_events\\{[^}]*} (\\S+)$",
            Pattern.MULTILINE);
    private static final Pattern CONSUMER_LAG = Pattern.compile("^csp_consumer_lag_records\\{[^}]*} (\\S+)$",
            Pattern.MULTILINE);

    private final StackClient stack = new StackClient();
    private final CommandBenchmark commands = new CommandBenchmark();
    private final Duration soak = Duration.ofMinutes(intSetting("bench.minutes", 30));
    private final Duration step = Duration.ofSeconds(intSetting("bench.sample-seconds", 10));
    private final Duration liveHeapEvery = Duration.ofMinutes(intSetting("bench.live-heap-minutes", 5));
    private final Duration warmup = Duration.ofSeconds(intSetting("bench.warmup-seconds", 30));
    private final Duration peakFor = Duration.ofSeconds(intSetting("bench.peak-seconds", 20));
    private final int connections = intSetting("bench.connections", 16);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> services = new LinkedHashMap<>();

    /** One sample: seconds into the soak, and per series (a service's heap, a process's RSS, a lag) its value. */
    record Sample(double seconds, Map<String, Double> values) {
    }

    SoakBenchmark() {
        services.put("partnership-service", stack.partnerships);
        services.put("customer-service", stack.customers);
        services.put("subscription-service", stack.subscriptions);
        services.put("notification-service", stack.notifications);
    }

    int run() throws Exception {
        Machine machine = Machine.describe();
        StackClient.Provider provider = stack.registerProvider();
        List<CommandBenchmark.Command> mixed = new ArrayList<>();
        for (String name : List.of("invitation", "customer", "subscription-patch")) {
            mixed.add(commands.command(name, provider));
        }
        commands.awaitPipelineIdle();
        CommandBenchmark.gatling(new CommandBenchmark.Phase("soak-warmup", mixed, connections, 0, warmup,
                new CommandBenchmark.Recorder()));
        double peakRate;
        String given = System.getProperty("bench.rate");
        if (given != null) {
            peakRate = 2 * Double.parseDouble(given);
        } else {
            commands.awaitPipelineIdle();
            CommandBenchmark.Phase peak = new CommandBenchmark.Phase("soak-peak", mixed, connections, 0, peakFor,
                    new CommandBenchmark.Recorder());
            CommandBenchmark.gatling(peak);
            peakRate = peak.recorder().ok() / (double) peakFor.toSeconds();
        }
        commands.awaitPipelineIdle();
        double rate = Math.max(1, peakRate / 2);
        log("soak: %.1f mixed commands/s (half of %.1f) for %d minutes", rate, peakRate, soak.toMinutes());

        List<Sample> samples = new CopyOnWriteArrayList<>();
        List<Sample> liveHeap = new CopyOnWriteArrayList<>();
        CommandBenchmark.Phase phase = new CommandBenchmark.Phase("soak", mixed, 0, rate, soak,
                new CommandBenchmark.Recorder());
        long start = phase.recorder().start();
        liveHeap.add(liveHeap(0));
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> samples.add(sample((System.currentTimeMillis() - start) / 1000.0)),
                step.toMillis(), step.toMillis(), TimeUnit.MILLISECONDS);
        sampler.scheduleAtFixedRate(() -> liveHeap.add(liveHeap((System.currentTimeMillis() - start) / 1000.0)),
                liveHeapEvery.toMillis(), liveHeapEvery.toMillis(), TimeUnit.MILLISECONDS);
        CommandBenchmark.gatling(phase);
        sampler.shutdownNow();
        sampler.awaitTermination(30, TimeUnit.SECONDS);
        long drained = commands.awaitPipelineIdle();
        liveHeap.add(liveHeap((System.currentTimeMillis() - start) / 1000.0));

        return report(machine, phase, peakRate, drained, samples, liveHeap);
    }

    private int report(Machine machine, CommandBenchmark.Phase phase, double peakRate, long drained,
                       List<Sample> samples, List<Sample> liveHeap) throws IOException {
        CommandBenchmark.Recorder answers = phase.recorder();
        long[] latencies = answers.sortedLatencies();
        List<double[]> intervals = answers.intervals(step, soak);
        double worstP99 = intervals.stream().mapToDouble(i -> i[4]).max().orElse(-1);
        double relayLag = max(samples, "relay lag");
        double consumerLag = max(samples, "consumer lag");
        // bounded: the second half of the soak never lags further behind than the first half did (plus a margin of
        // one second's commands), and the pipeline is idle again shortly after the load stops
        double firstHalf = maxLag(samples, 0, soak.toSeconds() / 2.0);
        double secondHalf = maxLag(samples, soak.toSeconds() / 2.0, Double.MAX_VALUE);
        boolean lagBounded = secondHalf <= firstHalf * 2 + phase.ratePerSecond() && drained < 60_000;

        StringBuilder heapCells = new StringBuilder();
        StringBuilder details = new StringBuilder();
        boolean flat = true;
        Sample first = liveHeap.get(0);
        Sample last = liveHeap.get(liveHeap.size() - 1);
        for (String service : services.keySet()) {
            double before = first.values().getOrDefault(service, -1.0);
            double after = last.values().getOrDefault(service, -1.0);
            // a leak grows the live heap the whole time; a warm cache levels off: allow 25 % and 16 MB of noise
            boolean serviceFlat = before > 0 && after > 0 && after <= before * 1.25 + 16;
            flat &= serviceFlat;
            heapCells.append(heapCells.isEmpty() ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%s %.0f → %.0f", shortName(service), before, after));
            details.append(String.format(Locale.ROOT, "live heap %-21s %s%n", service,
                    series(liveHeap, service, "%.0f")));
        }
        Map<String, double[]> rss = rssFirstAndLast(samples);
        StringBuilder rssCells = new StringBuilder();
        rss.forEach((process, mb) -> rssCells.append(rssCells.isEmpty() ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.0f → %.0f", shortName(process), mb[0], mb[1])));

        String summary = String.format(Locale.ROOT, """
                        === SoakBenchmark ===
                        date            %s %s
                        machine         %s
                        load            mixed commands (invitation, customer with order, subscription PATCH), %.1f/s \
                        offered for %d min (half of the %.1f/s peak at %d connections measured in this run)
                        answers         %,d 2xx, %,d not 2xx %s (%.3f %%)
                        latency         p50 %d, p90 %d, p99 %d, max %d ms; worst %d-s interval p99 %.0f ms
                        lag             max relay %,.0f events, max consumers %,.0f records (first half %,.0f, second \
                        half %,.0f); idle %,d ms after the load stopped
                        RSS MB          first 5 min → last 5 min (medians): %s
                        %sverdict         memory %s, lag %s
                        """, machine.date(), machine.time(), machine.description(), phase.ratePerSecond(),
                soak.toMinutes(), peakRate, connections, answers.ok(), answers.notOk(), answers.refusals(),
                100.0 * answers.notOk() / Math.max(1, answers.ok() + answers.notOk()), percentile(latencies, 50),
                percentile(latencies, 90), percentile(latencies, 99),
                latencies.length == 0 ? -1 : latencies[latencies.length - 1], step.toSeconds(), worstP99, relayLag,
                consumerLag, firstHalf, secondHalf, drained, rssCells, details, flat ? "flat" : "GROWS",
                lagBounded ? "bounded" : "GROWS");
        System.out.println();
        System.out.println(summary);
        plot(intervals, samples, liveHeap);

        String label = machine.label().isBlank() ? "soak" : machine.label();
        String key = "| " + machine.date() + " " + machine.time() + " | " + label;
        String row = String.format(Locale.ROOT, "%s | %d | %.1f (%.1f) | %,d | %,d | %d / %d | %.0f | %,.0f / %,.0f "
                        + "| %s | %s | %s, %s |", key, soak.toMinutes(), phase.ratePerSecond(), peakRate, answers.ok(),
                answers.notOk(), percentile(latencies, 50), percentile(latencies, 99), worstP99, relayLag, consumerLag,
                heapCells, rssCells, flat ? "flat" : "grows", lagBounded ? "bounded" : "grows");
        REPORT.record(BenchmarkHarness.reportFile(), key, row, label, summary);
        return flat && lagBounded ? 0 : BenchmarkHarness.NOT_VERIFIED;
    }

    /** Heap in use, RSS and lag now. */
    private Sample sample(double seconds) {
        Map<String, Double> values = new TreeMap<>();
        double relay = 0;
        double consumers = 0;
        for (Map.Entry<String, String> service : services.entrySet()) {
            try {
                String scrape = scrape(service.getValue());
                values.put("heap " + service.getKey(), sum(HEAP, scrape) / 1e6);
                relay += sum(RELAY_LAG, scrape);
                consumers += sum(CONSUMER_LAG, scrape);
            } catch (Exception e) {
                warn("no metrics from " + service.getKey() + ": " + e);
            }
        }
        values.put("relay lag", relay);
        values.put("consumer lag", consumers);
        ProcessCpu.residentBytes().forEach((process, bytes) -> {
            if (!process.equals("other")) {
                values.put("rss " + process, bytes / 1e6);
            }
        });
        return new Sample(seconds, values);
    }

    /** Each service's heap right after a full collection it was asked for, in MB. */
    private Sample liveHeap(double seconds) {
        Map<String, Double> values = new TreeMap<>();
        for (Map.Entry<String, String> service : services.entrySet()) {
            try {
                for (long pid : ProcessCpu.pids(service.getKey())) {
                    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd")
                            .toString(), Long.toString(pid), "GC.run").redirectErrorStream(true).start();
                    jcmd.getInputStream().readAllBytes();
                    jcmd.waitFor(60, TimeUnit.SECONDS);
                }
                values.put(service.getKey(), sum(HEAP, scrape(service.getValue())) / 1e6);
            } catch (Exception e) {
                warn("no live heap of " + service.getKey() + ": " + e);
            }
        }
        log("live heap at %.0f s: %s", seconds, values);
        return new Sample(seconds, values);
    }

    private String scrape(String base) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double sum(Pattern series, String scrape) {
        double total = 0;
        Matcher m = series.matcher(scrape);
        while (m.find()) {
            total += Math.max(0, Double.parseDouble(m.group(1)));
        }
        return total;
    }

    private static double max(List<Sample> samples, String series) {
        return samples.stream().mapToDouble(s -> s.values().getOrDefault(series, 0.0)).max().orElse(0);
    }

    private static double maxLag(List<Sample> samples, double from, double to) {
        return samples.stream().filter(s -> s.seconds() >= from && s.seconds() < to)
                .mapToDouble(s -> s.values().getOrDefault("relay lag", 0.0)
                        + s.values().getOrDefault("consumer lag", 0.0)).max().orElse(0);
    }

    /** Per process, the median RSS (MB) of the soak's first five minutes and of its last five. */
    private Map<String, double[]> rssFirstAndLast(List<Sample> samples) {
        Map<String, double[]> rss = new LinkedHashMap<>();
        double end = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).seconds();
        samples.stream().flatMap(s -> s.values().keySet().stream()).filter(k -> k.startsWith("rss ")).distinct()
                .sorted().forEach(series -> rss.put(series.substring(4), new double[] {
                        median(samples, series, 0, 300), median(samples, series, end - 300, Double.MAX_VALUE)}));
        return rss;
    }

    private static double median(List<Sample> samples, String series, double from, double to) {
        double[] values = samples.stream().filter(s -> s.seconds() >= from && s.seconds() <= to)
                .filter(s -> s.values().containsKey(series)).mapToDouble(s -> s.values().get(series)).sorted()
                .toArray();
        return values.length == 0 ? -1 : values[values.length / 2];
    }

    private static String series(List<Sample> samples, String series, String format) {
        StringBuilder out = new StringBuilder();
        for (Sample s : samples) {
            out.append(out.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.0f min ", s.seconds() / 60))
                    .append(String.format(Locale.ROOT, format, s.values().getOrDefault(series, -1.0)));
        }
        return out.toString();
    }

    private static String shortName(String process) {
        return process.replace("-service", "").replace("kafka broker", "broker");
    }

    private void plot(List<double[]> intervals, List<Sample> samples, List<Sample> liveHeap) throws IOException {
        Path dir = Plots.directory();
        if (dir == null) {
            return;
        }
        double perSecond = step.toSeconds();
        Map<String, List<double[]>> throughput = new LinkedHashMap<>();
        throughput.put("2xx per second", intervals.stream().map(i -> new double[] {i[0] / 60, i[1] / perSecond})
                .toList());
        throughput.put("not 2xx per second", intervals.stream().map(i -> new double[] {i[0] / 60, i[2] / perSecond})
                .toList());
        Plots.lines(dir.resolve("soak-throughput.png"), "Soak: answers per second (" + step.toSeconds()
                + "-s intervals)", "minutes", "answers per second", throughput);
        Map<String, List<double[]>> latency = new LinkedHashMap<>();
        latency.put("p50", intervals.stream().map(i -> new double[] {i[0] / 60, i[3]}).toList());
        latency.put("p99", intervals.stream().map(i -> new double[] {i[0] / 60, i[4]}).toList());
        Plots.lines(dir.resolve("soak-latency.png"), "Soak: latency per " + step.toSeconds() + "-s interval",
                "minutes", "milliseconds", latency);
        Plots.lines(dir.resolve("soak-lag.png"), "Soak: relay and consumer lag", "minutes",
                "events / records behind", seriesOf(samples, List.of("relay lag", "consumer lag"), ""));
        Map<String, List<double[]>> heap = seriesOf(samples, services.keySet().stream().map(s -> "heap " + s)
                .toList(), "in use: ");
        heap.putAll(seriesOf(liveHeap, List.copyOf(services.keySet()), "live: "));
        Plots.lines(dir.resolve("soak-heap.png"), "Soak: heap of each service (MB)", "minutes", "MB", heap);
        Plots.lines(dir.resolve("soak-rss.png"), "Soak: resident memory of each process (MB)", "minutes", "MB",
                seriesOf(samples, samples.stream().flatMap(s -> s.values().keySet().stream())
                        .filter(k -> k.startsWith("rss ")).distinct().sorted().toList(), ""));
    }

    private static Map<String, List<double[]>> seriesOf(List<Sample> samples, List<String> names, String prefix) {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (String name : names) {
            series.put(prefix + name.replaceFirst("^(heap|rss) ", ""), samples.stream()
                    .filter(s -> s.values().containsKey(name))
                    .map(s -> new double[] {s.seconds() / 60, s.values().get(name)}).toList());
        }
        return series;
    }
}
