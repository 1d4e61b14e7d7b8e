package com.cspchannel.benchmarks;

import com.cspchannel.infra.DevTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.BufferedReader;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * acks=all, then consume, one record at a time). Optional background load ({@code bench.load-clients}) sends
 * invitations from that many clients without pause while the probe runs.
 * <p>
 * Settings: {@code bench.runs} (50), {@code bench.load-clients} (0), {@code bench.partnership-url}
 * (http://localhost:8081), {@code bench.customer-url} (http://localhost:8082), {@code bench.kafka}
 * (127.0.0.1:19092), {@code bench.postgres} (jdbc:postgresql://127.0.0.1:5432/), {@code bench.postgres-user}
 * (postgres).
 */
final class LatencyBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DevTokens TOKENS = DevTokens.withDevSecret();

    private final int runs = Integer.getInteger("bench.runs", 50);
    private final int loadClients = Integer.getInteger("bench.load-clients", 0);
    private final String partnerships = System.getProperty("bench.partnership-url", "http://localhost:8081");
    private final String customers = System.getProperty("bench.customer-url", "http://localhost:8082");
    private final String kafka = System.getProperty("bench.kafka", "127.0.0.1:19092");
    private final String postgres = System.getProperty("bench.postgres", "jdbc:postgresql://127.0.0.1:5432/");
    private final String postgresUser = System.getProperty("bench.postgres-user", "postgres");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String directory = TOKENS.platform("DirectoryAdmin");

    int run() throws Exception {
        UUID provider = UUID.randomUUID();
        String admin = TOKENS.provider(provider, "GlobalAdmin");
        expect2xx(call(partnerships, "PUT", "/api/v1/providers/" + provider, directory, Map.of("name", "Contoso",
                "contactEmail", "csp@contoso.example", "cspRegion", "Europe", "partnerId", "4" + digits(6))));
        Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread watcher = watch(receivedAt, stop);
        List<Thread> load = startLoad(admin, stop);
        Thread.sleep(2000);
        List<long[]> hops = new ArrayList<>();
        try (Connection partnershipDb = DriverManager.getConnection(postgres + "csp_partnership", postgresUser, null);
             Connection customerDb = DriverManager.getConnection(postgres + "csp_customer", postgresUser, null)) {
            for (int i = 0; i < runs; i++) {
                hops.add(probe(provider, admin, receivedAt, partnershipDb, customerDb));
                Thread.sleep(100);
            }
        } finally {
            stop.set(true);
            for (Thread t : load) {
                t.join(10_000);
            }
            watcher.join(10_000);
        }
        String limit = endToEndLatency();
        System.out.println();
        System.out.printf(Locale.ROOT, "P2 command -> another service's view: %d runs, %d background clients%n",
                runs, loadClients);
        System.out.println("ms after the accept's 2xx | p50 | p90 | p99 | max");
        String[] names = {"appended (event time_stamp)", "published (received from Kafka)",
                "applied (consumer transaction started)", "visible (customer-service accepts the customer)"};
        for (int hop = 0; hop < names.length; hop++) {
            long[] values = new long[hops.size()];
            for (int i = 0; i < hops.size(); i++) {
                values[i] = hops.get(i)[hop];
            }
            Arrays.sort(values);
            System.out.printf(Locale.ROOT, "%s | %d | %d | %d | %d%n", names[hop], pct(values, 50), pct(values, 90),
                    pct(values, 99), values[values.length - 1]);
        }
        System.out.println("limit, same run, same broker: Kafka EndToEndLatency (acks=all, 500-byte records): " + limit);
        return 0;
    }

    /** One accept, then the hops of its event. */
    private long[] probe(UUID provider, String admin, Map<String, Long> receivedAt, Connection partnershipDb,
                         Connection customerDb) throws Exception {
        UUID reseller = UUID.randomUUID();
        String pla = "5" + digits(7);
        expect2xx(call(partnerships, "POST", "/api/v1/resellers", directory, Map.of("resellerTenantId", reseller,
                "profile", Map.of("name", "Reseller " + pla, "contactEmail", "r" + pla + "@example.org",
                        "country", "DE", "cspRegion", "Europe", "plaPartnerIds", List.of(pla),
                        "pgaPartnerId", "6" + digits(7)))));
        expect2xx(call(partnerships, "PUT", "/api/v1/resellers/" + reseller + "/compliance", directory,
                Map.of("mpaSignedRegions", List.of("Europe"), "programStatus", "active")));
        JsonNode invitation = expect2xx(call(partnerships, "POST", "/api/v1/partnership-invitations", admin,
                Map.of("resellerTenantId", reseller)));
        String link = invitation.path("link").asText();
        Map<String, Object> customer = customer(reseller);
        Thread.sleep(300); // the invitation's own events are relayed and applied: only the accept is measured
        expect2xx(call(partnerships, "POST", "/api/v1/partnership-invitations/" + link.substring(link.lastIndexOf('/') + 1)
                + "/accept", TOKENS.reseller(reseller, "GlobalAdmin"), null));
        long accepted = System.currentTimeMillis();
        long visible;
        while (true) {
            HttpResponse<String> review = call(customers, "POST", "/api/v1/customers/validation", admin, customer);
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
            query.setString(1, reseller.toString());
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
                        call(partnerships, "POST", "/api/v1/partnership-invitations", admin,
                                Map.of("resellerTenantId", UUID.randomUUID()));
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

    private HttpResponse<String> call(String base, String method, String path, String token, Object body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode expect2xx(HttpResponse<String> response) throws Exception {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + ": "
                    + response.statusCode() + " " + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    private static Map<String, Object> customer(UUID reseller) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("companyProfile", Map.of("companyName", "Wingtip", "domain",
                "wingtip" + UUID.randomUUID().toString().substring(0, 8) + ".onmicrosoft.com"));
        body.put("billingProfile", Map.of("firstName", "A", "lastName", "B", "email", "a@wingtip.example",
                "culture", "en-US", "language", "en", "companyName", "Wingtip", "defaultAddress",
                Map.of("addressLine1", "1 Main St", "city", "Vienna", "postalCode", "1010", "country", "AT")));
        body.put("associatedPartnerId", reseller);
        return body;
    }

    private static long pct(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String digits(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(ThreadLocalRandom.current().nextInt(i == 0 ? 1 : 0, 10));
        }
        return s.toString();
    }
}
