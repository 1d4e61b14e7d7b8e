package com.cspchannel.benchmarks;

import com.cspchannel.infra.CustomerRequests;
import com.cspchannel.infra.DevTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static com.cspchannel.benchmarks.StackClient.percentile;

/**
 * P2 of the performance issue: how long after a command's 2xx another service shows its effect, hop by hop, on the
 * running local stack (all four services, its broker and PostgreSQL; start it with the README's run command).
 * <p>
 * The command is the seed's: a reseller accepts a provider's invitation (partnership-service). Its effect elsewhere:
 * customer-service accepts a customer for that reseller ({@code POST /api/v1/customers/validation} answers 2xx,
 * polled without pause). Hops, each measured from the accept's 2xx, in wall-clock milliseconds on this machine:
 * <ol>
 *   <li>appended: the event's {@code time_stamp} in partnership-service's store (set before the commit, so it is
 *       negative);</li>
 *   <li>published: a plain Kafka consumer of this benchmark receives the record;</li>
 *   <li>applied: customer-service's consumer transaction that recorded the event started ({@code consumed_at});</li>
 *   <li>visible: customer-service's API accepts the customer.</li>
 * </ol>
 * The limit, measured in the same run against the same broker: Kafka's own {@code EndToEndLatency} (produce with
 * acks=all, then consume, one record at a time). Optional background load: {@code bench.load-rate} invitations a
 * second at a fixed rate (the issue's "half of peak load": half of the command benchmark's invitation peak), or
 * {@code bench.load-clients} clients sending invitations without pause.
 * <p>
 * The first {@code bench.warmup-runs} probes are not counted. Without them the figure is mostly the JIT's: a
 * benchmark of 50 probes sends 50 validation requests, too few for the JVM to compile their path, and a cold
 * request spent 38 ms before its first query (JDK Flight Recorder, docs/benchmarks.md); a stack in use runs that
 * path compiled.
 * <p>
 * Settings: {@code bench.runs} (50), {@code bench.warmup-runs} (150), {@code bench.load-rate} (0),
 * {@code bench.load-clients} (0), {@code bench.label} (run), {@code bench.partnership-url}
 * (http://localhost:8081), {@code bench.customer-url} (http://localhost:8082), {@code bench.kafka}
 * (127.0.0.1:19092), {@code bench.postgres} (jdbc:postgresql://127.0.0.1:5432/), {@code bench.postgres-user}
 * (postgres).
 */
final class LatencyBenchmark {

    private final int runs = Integer.getInteger("bench.runs", 50);
    private final int warmupRuns = Integer.getInteger("bench.warmup-runs", 150);
    private final int loadRate = Integer.getInteger("bench.load-rate", 0);
    private final int loadClients = Integer.getInteger("bench.load-clients", 0);
    private final String label = System.getProperty("bench.label", "run");
    private final StackClient stack = new StackClient();
    private final String kafka = System.getProperty("bench.kafka", "127.0.0.1:19092");
    private final String postgres = System.getProperty("bench.postgres", "jdbc:postgresql://127.0.0.1:5432/");
    private final String postgresUser = System.getProperty("bench.postgres-user", "postgres");

    int run() throws Exception {
        StackClient.Provider provider = stack.registerProvider();
        String admin = provider.admin();
        Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread watcher = watch(receivedAt, stop);
        List<Thread> load = startLoad(admin, stop);
        AtomicLong loadAnswered = new AtomicLong();
        List<ExecutorService> rate = startRate(admin, loadAnswered);
        Thread.sleep(2000);
        List<long[]> hops = new ArrayList<>();
        long loadFrom = 0;
        long measuringFrom = 0;
        try (Connection partnershipDb = DriverManager.getConnection(postgres + "csp_partnership", postgresUser, null);
             Connection customerDb = DriverManager.getConnection(postgres + "csp_customer", postgresUser, null)) {
            for (int i = 0; i < warmupRuns + runs; i++) {
                if (i == warmupRuns) {
                    loadFrom = loadAnswered.get();
                    measuringFrom = System.nanoTime();
                }
                long[] probe = probe(provider, receivedAt, partnershipDb, customerDb);
                if (i >= warmupRuns) {
                    hops.add(probe);
                }
                Thread.sleep(100);
            }
        } finally {
            stop.set(true);
            rate.forEach(ExecutorService::shutdownNow);
            for (Thread t : load) {
                t.join(10_000);
            }
            watcher.join(10_000);
        }
        double loadPerSecond = (loadAnswered.get() - loadFrom) / ((System.nanoTime() - measuringFrom) / 1e9);
        String limit = endToEndLatency();
        System.out.println();
        System.out.printf(Locale.ROOT, "P2 command -> another service's view: %d runs after %d warm-up runs, %s%n",
                runs, warmupRuns, loadRate > 0
                        ? String.format(Locale.ROOT, "background invitations at %d/s (2xx %.1f/s)", loadRate,
                        loadPerSecond)
                        : loadClients + " background clients");
        System.out.println("ms after the accept's 2xx | p50 | p90 | p99 | max");
        String[] names = {"appended (event time_stamp)", "published (received from Kafka)",
                "applied (consumer transaction started)", "visible (customer-service accepts the customer)"};
        for (int hop = 0; hop < names.length; hop++) {
            long[] values = new long[hops.size()];
            for (int i = 0; i < hops.size(); i++) {
                values[i] = hops.get(i)[hop];
            }
            Arrays.sort(values);
            System.out.printf(Locale.ROOT, "%s | %d | %d | %d | %d%n", names[hop], percentile(values, 50), percentile(values, 90),
                    percentile(values, 99), values[values.length - 1]);
        }
        System.out.println("limit, same run, same broker: Kafka EndToEndLatency (acks=all, 500-byte records): " + limit);
        plot(names, hops);
        return 0;
    }

    /** The latency distribution of each hop (ms by percentile) as docs/benchmarks/latency-LABEL.png. */
    private void plot(String[] names, List<long[]> hops) throws IOException {
        Path directory = Plots.directory();
        if (directory == null || hops.isEmpty()) {
            return;
        }
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (int hop = 1; hop < names.length; hop++) {
            long[] values = new long[hops.size()];
            for (int i = 0; i < hops.size(); i++) {
                values[i] = hops.get(i)[hop];
            }
            Arrays.sort(values);
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                points.add(new double[]{100.0 * (i + 1) / values.length, values[i]});
            }
            series.put(names[hop], points);
        }
        Plots.lines(directory.resolve("latency-" + label + ".png"), "P2: accept's 2xx -> each hop (" + label + ")",
                "percentile of probes", "ms after the accept's 2xx", series);
    }

    /** Invitations at a fixed rate (open model), whatever the answers' latency: the load of a given share of the peak. */
    private List<ExecutorService> startRate(String admin, AtomicLong answered) {
        if (loadRate <= 0) {
            return List.of();
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        ExecutorService senders = Executors.newFixedThreadPool(64);
        scheduler.scheduleAtFixedRate(() -> senders.execute(() -> {
            try {
                if (invite(admin).statusCode() / 100 == 2) {
                    answered.incrementAndGet();
                }
            } catch (Exception e) {
                // load only: its answers are not measured
            }
        }), 0, 1_000_000 / loadRate, TimeUnit.MICROSECONDS);
        return List.of(scheduler, senders);
    }

    /** One accept, then the hops of its event. */
    private long[] probe(StackClient.Provider provider, Map<String, Long> receivedAt, Connection partnershipDb,
                         Connection customerDb) throws Exception {
        StackClient.Reseller reseller = stack.enrolReseller();
        String invitation = stack.invite(provider, reseller);
        String admin = provider.admin();
        Map<String, Object> customer = CustomerRequests.newCustomer(reseller.id(), null);
        Thread.sleep(300); // the invitation's own events are relayed and applied: only the accept is measured
        stack.accept(invitation, reseller);
        long accepted = System.currentTimeMillis();
        long visible;
        while (true) {
            HttpResponse<String> review = stack.call(stack.customers, "POST", "/api/v1/customers/validation", admin, customer);
            if (review.statusCode() / 100 == 2) {
                visible = System.currentTimeMillis();
                break;
            }
            if (System.currentTimeMillis() - accepted > 30_000) {
                throw new IllegalStateException("customer-service never accepted the customer: " + review.body());
            }
        }
        String eventId;
        long appended;
        try (PreparedStatement query = partnershipDb.prepareStatement("""
                select convert_from(payload, 'UTF8')::jsonb ->> 'eventId', time_stamp from domain_event_entry
                where payload_type like '%.PartnershipAccepted'
                  and convert_from(payload, 'UTF8')::jsonb ->> 'resellerTenantId' = ?""")) {
            query.setString(1, reseller.id().toString());
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                eventId = rs.getString(1);
                appended = Instant.parse(rs.getString(2)).toEpochMilli();
            }
        }
        long applied;
        try (PreparedStatement query = customerDb.prepareStatement(
                "select min(consumed_at) from consumed_event where event_id = ?::uuid")) {
            query.setString(1, eventId);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                applied = rs.getTimestamp(1).getTime();
            }
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (!receivedAt.containsKey(eventId) && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        Long published = receivedAt.get(eventId);
        return new long[]{appended - accepted, published == null ? -1 : published - accepted, applied - accepted,
                visible - accepted};
    }

    private Thread watch(Map<String, Long> receivedAt, AtomicBoolean stop) {
        Properties config = new Properties();
        config.put("bootstrap.servers", kafka);
        config.put("group.id", "latency-benchmark-" + UUID.randomUUID());
        config.put("auto.offset.reset", "latest");
        config.put("isolation.level", "read_committed");
        Thread thread = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.subscribe(List.of("csp.partnerships.events"));
                while (!stop.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.currentTimeMillis();
                        var id = record.headers().lastHeader("ce_id");
                        if (id != null) {
                            receivedAt.put(new String(id.value(), StandardCharsets.UTF_8), now);
                        }
                    }
                }
            }
        }, "latency-watcher");
        thread.start();
        return thread;
    }

    /** Clients that invite new resellers without pause, so that the probe runs on a loaded stack. */
    private List<Thread> startLoad(String admin, AtomicBoolean stop) {
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < loadClients; c++) {
            Thread thread = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        invite(admin);
                    } catch (Exception e) {
                        // load only: its answers are not measured
                    }
                }
            }, "latency-load-" + c);
            thread.start();
            threads.add(thread);
        }
        return threads;
    }

    /**
     * The load's command: the command benchmark's invitation, by email of a reseller not enrolled yet (one new
     * aggregate and one event). Until 2026-12-08 the load invited unknown tenant ids, which were refused.
     */
    private HttpResponse<String> invite(String admin) throws Exception {
        return stack.call(stack.partnerships, "POST", "/api/v1/partnership-invitations", admin,
                Map.of("resellerEmail", "admin@" + UUID.randomUUID() + ".example"));
    }

    /** Kafka's EndToEndLatency against the same broker, in a child JVM with this class path. */
    private String endToEndLatency() throws Exception {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(javaBin.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.tools.EndToEndLatency", kafka, "latency-limit-" + UUID.randomUUID(), "2000", "all",
                "500").redirectErrorStream(true).start();
        StringBuilder result = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("Avg latency") || line.startsWith("Percentiles")) {
                    result.append(line.trim()).append("; ");
                }
            }
        }
        process.waitFor();
        return result.isEmpty() ? "EndToEndLatency printed no result" : result.toString();
    }

}
