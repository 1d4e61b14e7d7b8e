package com.cspchannel.partnership.bench;

import com.cspchannel.events.Topics;
import com.cspchannel.events.partnership.ProgramStatus;
import com.cspchannel.events.partnership.ResellerComplianceChanged;
import com.cspchannel.infra.DevTokens;
import com.cspchannel.infra.KafkaBroker;
import com.cspchannel.infra.Postgres;
import com.cspchannel.partnership.PartnershipServiceApplication;
import com.cspchannel.partnership.command.DirectoryService;
import com.cspchannel.platform.relay.KafkaRelay;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Benchmark of the Kafka relay: how fast it drains a backlog of public events from the event store into Kafka,
 * compared with what the same broker accepts from Kafka's own {@code ProducerPerformance} tool in the same run.
 *
 * <p>Not a test (the class name ends neither in {@code Test} nor {@code IT}, so Surefire and Failsafe never run
 * it). Run it with the Maven profile {@code bench} of partnership-service:
 * <pre>
 * ./mvnw -q -B -pl partnership-service -Pbench test-compile exec:exec
 * ./mvnw -q -B -pl partnership-service -Pbench test-compile exec:exec \
 *     -Dbench.args="axon.eventhandling.processors.kafka-relay.batch-size=1000 bench.label=batch-1000"
 * </pre>
 * Every argument {@code key=value} becomes a system property before anything starts, so relay tunables
 * ({@code axon.eventhandling.processors.kafka-relay.batch-size}, {@code ...initial-segment-count},
 * {@code csp.event-store.fetch-size}, ...) reach the service's Spring environment. Benchmark settings:
 * {@code bench.events} (100000), {@code bench.aggregates} (1000), {@code bench.insert-batch} (1000),
 * {@code bench.timeout-seconds} (900), {@code bench.producer-records} (100000), {@code bench.producer-record-size}
 * (300), {@code bench.label}, {@code bench.date}, {@code bench.report} (docs/benchmarks.md of the checkout;
 * {@code none} to skip writing), {@code bench.keep-database} (false), {@code bench.allow-embedded} (false),
 * {@code bench.max-load} (wait before the relay phase until the 1-minute load average is below this, at most
 * {@code bench.max-load-wait-seconds}, 600) and {@code bench.experiment.claim-extension-ms} (an experiment, not the
 * service's configuration: sets the relay processor's claim extension threshold). The JVM options of the benchmark
 * come from the Maven property {@code bench.jvm} (default {@code -Xmx1g}).
 *
 * <p>Steps: start a broker process and a fresh database on the real PostgreSQL; boot the service with the relay
 * off (Flyway creates the schema), record one real event to copy the exact row format, bulk-insert the backlog
 * with JDBC batches (payloads from Axon's own event serializer) and check that Axon reads them back; boot the
 * service again with the relay on and time it until the relay's lowest token index reaches the head of the
 * store; verify the topic holds every event id; run {@code ProducerPerformance} against the same broker; print a
 * summary and record it in docs/benchmarks.md.
 */
public final class RelayBenchmark {

    static final String RELAY_TOPIC = Topics.PARTNERSHIPS;
    static final String PERF_TOPIC = "perf-test";
    static final String BATCH_SIZE = "axon.eventhandling.processors.kafka-relay.batch-size";
    static final String SEGMENTS = "axon.eventhandling.processors.kafka-relay.initial-segment-count";
    static final String THREADS = "axon.eventhandling.processors.kafka-relay.thread-count";
    static final String FETCH_SIZE = "csp.event-store.fetch-size";
    private static final String LOCAL_POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";
    private static final Pattern PERF_SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, "
                    + "([\\d.]+) ms max latency(?:, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th)?");

    private final int events = intSetting("bench.events", 100_000);
    private final int aggregates = intSetting("bench.aggregates", 1_000);
    private final int insertBatch = intSetting("bench.insert-batch", 1_000);
    private final Duration timeout = Duration.ofSeconds(intSetting("bench.timeout-seconds", 900));
    private final int producerRecords = intSetting("bench.producer-records", 100_000);
    private final int producerRecordSize = intSetting("bench.producer-record-size", 300);
    private final boolean keepDatabase = Boolean.getBoolean("bench.keep-database");
    private final boolean allowEmbedded = Boolean.getBoolean("bench.allow-embedded");

    private final Result result = new Result();
    private Postgres postgres;
    private KafkaBroker broker;
    private String databaseUrl;
    private String databaseName;

    public static void main(String[] args) {
        for (String arg : args) {
            String setting = arg.startsWith("-D") ? arg.substring(2) : arg.startsWith("--") ? arg.substring(2) : arg;
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                System.err.println("arguments are key=value (e.g. bench.events=100000); ignoring '" + arg + "'");
                continue;
            }
            System.setProperty(setting.substring(0, eq), setting.substring(eq + 1));
        }
        quietLogging();
        int exit;
        try {
            exit = new RelayBenchmark().run();
        } catch (Throwable e) {
            System.err.println("BENCHMARK FAILED: " + e);
            e.printStackTrace();
            exit = 1;
        }
        System.out.flush();
        // Spring, Axon and Kafka leave non-daemon threads behind; the benchmark is done.
        System.exit(exit);
    }

    int run() throws Exception {
        if (events % aggregates != 0) {
            throw new IllegalArgumentException("bench.events must be a multiple of bench.aggregates");
        }
        describeMachine();
        postgres = Postgres.findOrStart(null);
        try {
            if (!checkRealPostgres()) {
                return 2;
            }
            broker = KafkaBroker.onFreePorts().start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "bench-broker-stop"));
            // Created up front with the broker's default partition count, so neither measurement includes
            // topic auto-creation and both write to the same number of partitions.
            broker.createTopics(List.of(RELAY_TOPIC, PERF_TOPIC), 3, -1);
            result.partitions = 3;
            databaseUrl = postgres.createFreshDatabase("relay_bench");
            databaseName = databaseUrl.substring(databaseUrl.lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
            log("database %s, broker %s (log %s)", databaseUrl, broker.bootstrapServers(), broker.logFile());
            result.fsync = showSetting("fsync");
            result.synchronousCommit = showSetting("synchronous_commit");
            if (!"on".equals(result.fsync)) {
                warn("PostgreSQL runs with fsync=" + result.fsync + ": the numbers are meaningless.");
                result.valid = false;
            }

            Set<String> eventIds = prepareBacklog();
            measureRelay();
            verifyTopic(eventIds);
            measureProducerPerformance();

            String summary = result.summary();
            System.out.println();
            System.out.println(summary);
            BenchmarkReport.record(reportFile(), result, summary);
            return result.verified() ? 0 : 3;
        } finally {
            if (broker != null) {
                broker.stop();
                deleteRecursively(broker.logFile().getParent());
            }
            dropDatabase();
            postgres.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ machine

    private void describeMachine() {
        result.date = System.getProperty("bench.date", LocalDate.now(java.time.ZoneOffset.UTC).toString());
        result.time = java.time.LocalTime.now(java.time.ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES) + "Z";
        result.label = System.getProperty("bench.label", "");
        result.cores = Runtime.getRuntime().availableProcessors();
        result.memory = firstLine(List.of("sh", "-c", "free -g | awk '/^Mem:/ {print $2 \" GiB total, \" $7 \" GiB available\"}'"));
        result.cpu = firstLine(List.of("sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"));
        result.loadBefore = firstLine(List.of("cat", "/proc/loadavg"));
        result.java = System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", -Xmx" + (Runtime.getRuntime().maxMemory() >> 20) + "m";
        result.events = events;
        result.aggregates = aggregates;
        log("machine: %d cores (%s), memory %s, load %s, %s", result.cores, result.cpu, result.memory,
                result.loadBefore, result.java);
    }

    /** The benchmark needs the real server (fsync on); the embedded fallback makes the numbers meaningless. */
    private boolean checkRealPostgres() {
        String configured = System.getenv("POSTGRES_URL");
        boolean real = (configured != null && !configured.isBlank())
                || postgres.jdbcUrl("postgres").startsWith(LOCAL_POSTGRES);
        result.postgres = postgres.jdbcUrl("<db>");
        if (real) {
            return true;
        }
        warn("Postgres.findOrStart picked the EMBEDDED PostgreSQL (" + result.postgres + "), which runs with "
                + "fsync off: relay numbers measured on it are meaningless.");
        if (!allowEmbedded) {
            System.err.println("Refusing to run. Start PostgreSQL on 127.0.0.1:5432 (or set POSTGRES_URL), or pass "
                    + "bench.allow-embedded=true to run anyway (the result is then marked invalid).");
            return false;
        }
        result.valid = false;
        return true;
    }

    // ------------------------------------------------------------------------------------------------ backlog

    /** Boots the service with the relay off, writes the backlog and checks that Axon reads it. */
    private Set<String> prepareBacklog() throws Exception {
        log("booting the service with the relay disabled (Flyway creates the schema)");
        Set<String> eventIds = new HashSet<>(events * 2);
        try (ConfigurableApplicationContext context = boot(false)) {
            Serializer serializer = BeanFactoryAnnotationUtils.qualifiedBeanOfType(context.getBeanFactory(),
                    Serializer.class, "eventSerializer");
            Template template = recordSampleEvent(context, serializer);

            try (Connection connection = connect(true); Statement statement = connection.createStatement()) {
                // Start from an empty store whose global index begins at 1 again.
                statement.execute("truncate table domain_event_entry restart identity");
                statement.execute("delete from token_entry where processor_name = '" + KafkaRelay.PROCESSING_GROUP + "'");
            }

            List<UUID> resellers = new ArrayList<>(aggregates);
            for (int i = 0; i < aggregates; i++) {
                resellers.add(UUID.randomUUID());
            }
            long started = System.nanoTime();
            insertBacklog(serializer, template, resellers, eventIds);
            double seconds = seconds(System.nanoTime() - started);
            log("inserted %,d events over %,d aggregates in %.1f s (%,.0f rows/s)", events, aggregates, seconds,
                    events / seconds);
            result.insertSeconds = seconds;

            verifyAxonReadsBacklog(context, resellers.get(0), resellers.get(aggregates - 1), eventIds);
        }
        return eventIds;
    }

    /** One event recorded by the service itself: the format the backlog copies, and a serializer check. */
    private Template recordSampleEvent(ConfigurableApplicationContext context, Serializer serializer)
            throws SQLException {
        DirectoryService directory = context.getBean(DirectoryService.class);
        UUID reseller = UUID.randomUUID();
        directory.enrol(reseller, "Benchmark reseller", "bench@example.org", "DE", "Europe",
                List.of("9100000012"), "81000000", null);
        directory.changeCompliance(reseller, null, List.of("Europe"), ProgramStatus.ACTIVE);

        Template template = null;
        try (Connection connection = connect(false); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     select global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                            payload_type, payload_revision, payload, meta_data
                     from domain_event_entry order by global_index""")) {
            log("rows written by the service (the format the backlog copies):");
            while (rs.next()) {
                log("  global_index=%d event_identifier=%s aggregate_identifier=%s sequence_number=%d type=%s "
                                + "time_stamp=%s payload_type=%s payload_revision=%s%n    payload=%s%n    meta_data=%s",
                        rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8),
                        new String(rs.getBytes(9), StandardCharsets.UTF_8),
                        rs.getBytes(10) == null ? null : new String(rs.getBytes(10), StandardCharsets.UTF_8));
                if (rs.getString(7).equals(ResellerComplianceChanged.class.getName())) {
                    template = new Template(rs.getString(5), rs.getString(7), rs.getString(8), rs.getBytes(9),
                            rs.getString(6));
                }
            }
        }
        if (template == null) {
            throw new IllegalStateException("the service stored no ResellerComplianceChanged");
        }
        // Axon's serializer must reproduce the stored payload byte for byte, or the backlog would not be
        // what the service writes.
        Object sample = serializer.deserialize(new SimpleSerializedObject<>(template.payload, byte[].class,
                template.payloadType, template.payloadRevision));
        byte[] again = serializer.serialize(sample, byte[].class).getData();
        if (!(sample instanceof ResellerComplianceChanged) || !Arrays.equals(again, template.payload)) {
            throw new IllegalStateException("Axon's event serializer does not reproduce the stored payload: "
                    + new String(again, StandardCharsets.UTF_8));
        }
        String timestampCheck = DateTimeUtils.formatInstant(DateTimeUtils.parseInstant(template.timeStamp));
        if (!timestampCheck.equals(template.timeStamp)) {
            throw new IllegalStateException("time_stamp format differs: " + template.timeStamp + " vs " + timestampCheck);
        }
        log("the event serializer reproduces the stored payload byte for byte; time_stamp format matches");
        return template;
    }

    private void insertBacklog(Serializer serializer, Template template, List<UUID> resellers, Set<String> eventIds)
            throws SQLException {
        Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusMillis(events);
        List<List<String>> regions = List.of(List.of("Europe"), List.of(), List.of("Europe", "UnitedStates"),
                List.of("Asia"));
        String sql = """
                insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        long payloadBytes = 0;
        try (Connection connection = connect(false); PreparedStatement insert = connection.prepareStatement(sql)) {
            connection.setAutoCommit(false);
            for (int i = 0; i < events; i++) {
                UUID reseller = resellers.get(i % aggregates);
                long sequence = i / aggregates;
                Instant occurredAt = base.plusMillis(i);
                UUID eventId = UUID.randomUUID();
                ResellerComplianceChanged event = new ResellerComplianceChanged(eventId, occurredAt, reseller,
                        regions.get(i % regions.size()), i % 7 == 0 ? ProgramStatus.SUSPENDED : ProgramStatus.ACTIVE);
                SerializedObject<byte[]> payload = serializer.serialize(event, byte[].class);
                if (!payload.getType().getName().equals(template.payloadType)) {
                    throw new IllegalStateException("payload type " + payload.getType() + " differs from the template");
                }
                payloadBytes += payload.getData().length;
                eventIds.add(eventId.toString());
                insert.setString(1, UUID.randomUUID().toString()); // Axon's message identifier, not the event's id
                insert.setString(2, reseller.toString());
                insert.setLong(3, sequence);
                insert.setString(4, template.aggregateType);
                insert.setString(5, DateTimeUtils.formatInstant(occurredAt));
                insert.setString(6, payload.getType().getName());
                insert.setString(7, payload.getType().getRevision());
                insert.setBytes(8, payload.getData());
                // What the service stores: correlation data of the command (a trace id and a correlation id).
                String traceId = UUID.randomUUID().toString();
                insert.setBytes(9, serializer.serialize(MetaData.with("traceId", traceId).and("correlationId", traceId),
                        byte[].class).getData());
                insert.addBatch();
                if ((i + 1) % insertBatch == 0 || i == events - 1) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
        }
        result.avgPayloadBytes = (double) payloadBytes / events;
        if (eventIds.size() != events) {
            throw new IllegalStateException("duplicate random event ids");
        }
    }

    /** Axon itself must read the rows: by aggregate (event sourcing) and as a stream (what the relay uses). */
    private void verifyAxonReadsBacklog(ConfigurableApplicationContext context, UUID first, UUID last,
                                        Set<String> eventIds) throws InterruptedException {
        EventStore eventStore = context.getBean(EventStore.class);
        int perAggregate = events / aggregates;
        for (UUID aggregate : List.of(first, last)) {
            DomainEventStream stream = eventStore.readEvents(aggregate.toString());
            long expectedSequence = 0;
            while (stream.hasNext()) {
                var message = stream.next();
                if (!(message.getPayload() instanceof ResellerComplianceChanged event)
                        || !event.resellerTenantId().equals(aggregate)
                        || !eventIds.contains(event.eventId().toString())
                        || message.getSequenceNumber() != expectedSequence++) {
                    throw new IllegalStateException("Axon read an unexpected event for " + aggregate + ": " + message);
                }
            }
            if (expectedSequence != perAggregate) {
                throw new IllegalStateException("Axon read " + expectedSequence + " events of aggregate " + aggregate
                        + ", expected " + perAggregate);
            }
        }
        int streamed = 0;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (streamed < 2_000 && stream.hasNextAvailable(10, TimeUnit.SECONDS)) {
                EventMessage<?> message = stream.nextAvailable();
                if (!(message.getPayload() instanceof ResellerComplianceChanged event)
                        || !eventIds.contains(event.eventId().toString())) {
                    throw new IllegalStateException("Axon streamed an unexpected event: " + message);
                }
                streamed++;
            }
        }
        if (streamed < Math.min(2_000, events)) {
            throw new IllegalStateException("Axon streamed only " + streamed + " events of the backlog");
        }
        log("Axon reads the backlog: %d events of 2 aggregates by aggregate id and the first %,d as a stream, all "
                + "deserialized as ResellerComplianceChanged", 2 * perAggregate, streamed);
    }

    // -------------------------------------------------------------------------------------------------- relay

    /** With bench.max-load set, waits (up to bench.max-load-wait-seconds, 600) until the 1-minute load drops below it. */
    private void awaitQuietMachine() throws InterruptedException {
        String maxLoad = System.getProperty("bench.max-load");
        if (maxLoad == null || maxLoad.isBlank()) {
            return;
        }
        double threshold = Double.parseDouble(maxLoad);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(intSetting("bench.max-load-wait-seconds", 600));
        while (true) {
            double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
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

    private void measureRelay() throws Exception {
        long head;
        try (Connection connection = connect(false); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select max(global_index), count(*) from domain_event_entry")) {
            rs.next();
            head = rs.getLong(1);
            if (rs.getLong(2) != events) {
                throw new IllegalStateException("the store holds " + rs.getLong(2) + " events, expected " + events);
            }
        }
        awaitQuietMachine();
        result.loadBeforeRelay = firstLine(List.of("cat", "/proc/loadavg"));
        log("booting the service with the relay enabled; backlog head global_index=%d", head);
        TokenPoller poller = new TokenPoller(head);
        long started = System.nanoTime();
        poller.start(started);
        ConfigurableApplicationContext context = boot(true);
        long ready = System.nanoTime();
        try {
            Environment environment = context.getEnvironment();
            result.batchSize = environment.getProperty(BATCH_SIZE);
            result.segments = environment.getProperty(SEGMENTS);
            result.threads = environment.getProperty(THREADS);
            result.mode = environment.getProperty("axon.eventhandling.processors.kafka-relay.mode", "?");
            result.fetchSize = environment.getProperty(FETCH_SIZE, "1000 (EventStoreProperties default)");
            result.producerSettings = "acks=all, idempotence, linger.ms="
                    + environment.getProperty("spring.kafka.producer.properties.linger.ms") + ", batch.size="
                    + environment.getProperty("spring.kafka.producer.batch-size") + ", compression="
                    + environment.getProperty("spring.kafka.producer.compression-type", "none");
            result.bootSeconds = seconds(ready - started);
            List<MeterRegistry> registries = List.copyOf(context.getBeansOfType(MeterRegistry.class).values());
            poller.publishedCounter = () -> publishedCount(registries);
            log("context ready after %.1f s (relay batch-size %s, segments %s, threads %s, fetch-size %s)",
                    result.bootSeconds, result.batchSize, result.segments, result.threads, result.fetchSize);
            if (!poller.awaitDone(timeout)) {
                throw new IllegalStateException("the relay did not reach the head within " + timeout
                        + "; last position " + poller.position);
            }
            result.totalSeconds = seconds(poller.doneAt - started);
            result.firstProgressSeconds = seconds(poller.firstProgressAt - started);
            result.firstProgressIndex = poller.firstProgressIndex;
            result.steadySeconds = seconds(poller.doneAt - poller.firstProgressAt);
            result.timeline = poller.timeline;
            result.published = publishedCount(registries);
            result.allAckedSeconds = poller.allAckedAt == 0 ? Double.NaN : seconds(poller.allAckedAt - started);
            result.tokenRows = poller.rows;
            result.replayTokens = poller.replayShape;
        } finally {
            poller.stop();
            context.close();
        }
        result.loadAfterRelay = firstLine(List.of("cat", "/proc/loadavg"));
        log("relay caught up with %,d events %.1f s after the context started (%,.0f events/s; %,.0f events/s from "
                        + "its first token move at %.1f s)", events, result.totalSeconds, result.relayRate(),
                result.relaySteadyRate(), result.firstProgressSeconds);
    }

    private static double publishedCount(List<MeterRegistry> registries) {
        double sum = 0;
        for (MeterRegistry registry : registries) {
            double here = registry.find("csp.relay.events.published").counters().stream()
                    .mapToDouble(Counter::count).sum();
            sum = Math.max(sum, here); // a composite registry repeats what its children count
        }
        return sum;
    }

    /** Reads the relay's tokens every 100 ms on its own connection. */
    private final class TokenPoller implements Runnable {
        private final long head;
        private final Thread thread = new Thread(this, "bench-token-poller");
        private final List<long[]> timeline = new ArrayList<>();
        private volatile boolean running = true;
        private volatile long doneAt;
        private volatile long firstProgressAt;
        private volatile long firstProgressIndex;
        private volatile long position = -1;
        private volatile int rows;
        private volatile boolean replayShape;
        private volatile java.util.function.DoubleSupplier publishedCounter;
        private volatile long allAckedAt;
        private long startedAt;

        TokenPoller(long head) {
            this.head = head;
            thread.setDaemon(true);
        }

        void start(long startedAt) {
            this.startedAt = startedAt;
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(5_000);
        }

        synchronized boolean awaitDone(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (doneAt == 0 && thread.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, Math.min(1000, left / 1_000_000)));
            }
            return doneAt != 0;
        }

        @Override
        public void run() {
            // A plain GapAwareTrackingToken is {"index":n,"gaps":[..]}. Axon 4.13's pooled processor starts from
            // ReplayToken.createReplayToken(head): {"tokenAtReset":{..},"currentToken":{"index":n,..}}, and it keeps
            // that shape until an event beyond tokenAtReset arrives. Read both (-1: no position yet).
            String query = """
                    select count(*), count(token),
                           min(coalesce((t ->> 'index')::bigint, (t -> 'currentToken' ->> 'index')::bigint, -1)),
                           bool_or((t -> 'tokenAtReset') is not null)
                    from (select token, convert_from(token, 'UTF8')::jsonb as t from token_entry
                          where processor_name = ?) tokens""";
            long initial = -1;
            long lastReport = 0;
            try (Connection connection = connect(true); PreparedStatement statement = connection.prepareStatement(query)) {
                statement.setString(1, KafkaRelay.PROCESSING_GROUP);
                while (running) {
                    long now = System.nanoTime();
                    java.util.function.DoubleSupplier counter = publishedCounter;
                    if (allAckedAt == 0 && counter != null && counter.getAsDouble() >= events) {
                        allAckedAt = now;
                    }
                    try (ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        int count = rs.getInt(1);
                        int withToken = rs.getInt(2);
                        long min = rs.getLong(3);
                        if (rs.getBoolean(4)) {
                            replayShape = true;
                        }
                        if (count > 0 && count == withToken) {
                            rows = count;
                            position = min;
                            if (initial < 0) {
                                initial = min;
                            }
                            if (firstProgressAt == 0 && min > initial) {
                                firstProgressAt = now;
                                firstProgressIndex = min;
                            }
                            if (now - lastReport >= 1_000_000_000L) {
                                timeline.add(new long[] {(now - startedAt) / 1_000_000, min});
                                lastReport = now;
                            }
                            if (min >= head) {
                                timeline.add(new long[] {(now - startedAt) / 1_000_000, min});
                                synchronized (this) {
                                    doneAt = now;
                                    if (firstProgressAt == 0) {
                                        firstProgressAt = now;
                                        firstProgressIndex = min;
                                    }
                                    notifyAll();
                                }
                                return;
                            }
                        }
                    }
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                System.err.println("token poller failed: " + e);
                e.printStackTrace();
            } finally {
                synchronized (this) {
                    notifyAll();
                }
            }
        }
    }

    // -------------------------------------------------------------------------------------- topic verification

    /** Reads the whole relay topic: every event id must be there, duplicates (at-least-once) are counted. */
    private void verifyTopic(Set<String> eventIds) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        Set<String> seen = new HashSet<>(eventIds.size() * 2);
        long records = 0;
        long duplicates = 0;
        long unknown = 0;
        long missingHeader = 0;
        long bytes = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(RELAY_TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the topic to its end within 3 minutes");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    bytes += record.serializedKeySize() + record.serializedValueSize();
                    for (Header header : record.headers()) {
                        bytes += header.key().length() + (header.value() == null ? 0 : header.value().length);
                    }
                    Header ceId = record.headers().lastHeader("ce_id");
                    if (ceId == null) {
                        missingHeader++;
                        continue;
                    }
                    String id = new String(ceId.value(), StandardCharsets.UTF_8);
                    if (!seen.add(id)) {
                        duplicates++;
                    } else if (!eventIds.contains(id)) {
                        unknown++;
                    }
                }
            }
        }
        result.topicRecords = records;
        result.distinctIds = seen.size() - unknown;
        result.duplicates = duplicates;
        result.unknownIds = unknown + missingHeader;
        result.avgRecordBytes = records == 0 ? 0 : (double) bytes / records;
        log("topic %s: %,d records, %,d distinct known ce_id (expected %,d), %,d duplicates, %,d unknown/without "
                        + "ce_id; %.0f bytes per record (key + value + headers)", RELAY_TOPIC, records,
                result.distinctIds, events, duplicates, result.unknownIds, result.avgRecordBytes);
    }

    // ------------------------------------------------------------------------------------ ProducerPerformance

    /** Kafka's own producer benchmark against the same broker, in a child JVM with this class path. */
    private void measureProducerPerformance() throws IOException, InterruptedException {
        Path logback = Files.createTempFile("bench-logback", ".xml");
        Files.writeString(logback, """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        List<String> producerProps = List.of("bootstrap.servers=" + broker.bootstrapServers(), "acks=all",
                "linger.ms=10", "batch.size=131072");
        List<String> toolArgs = new ArrayList<>(List.of("--topic", PERF_TOPIC, "--num-records",
                Integer.toString(producerRecords), "--record-size", Integer.toString(producerRecordSize),
                "--throughput", "-1", "--producer-props"));
        toolArgs.addAll(producerProps);
        result.producerCommand = "org.apache.kafka.tools.ProducerPerformance " + String.join(" ", toolArgs)
                .replace(broker.bootstrapServers(), "<broker>");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + (Runtime.getRuntime().maxMemory() >> 20) + "m", "-Duser.language=en", "-Duser.country=US",
                "-Dlogback.configurationFile=" + logback, "-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.tools.ProducerPerformance"));
        command.addAll(toolArgs);
        log("running %s", result.producerCommand);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String summary = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                System.out.println("  [ProducerPerformance] " + line);
                if (PERF_SUMMARY.matcher(line).find() && line.contains("50th")) {
                    summary = line;
                }
            }
        }
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0 || summary == null) {
            process.destroyForcibly();
            throw new IllegalStateException("ProducerPerformance failed (exit "
                    + (process.isAlive() ? "?" : process.exitValue()) + ")");
        }
        Files.deleteIfExists(logback);
        Matcher m = PERF_SUMMARY.matcher(summary);
        if (!m.find()) {
            throw new IllegalStateException("cannot parse " + summary);
        }
        result.producerRate = Double.parseDouble(m.group(2));
        result.producerMbPerSecond = Double.parseDouble(m.group(3));
        result.producerLine = summary.trim();
    }

    // ----------------------------------------------------------------------------------------------- plumbing

    private ConfigurableApplicationContext boot(boolean relay) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=" + postgres.user(),
                "--spring.datasource.password=" + postgres.password(),
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--csp.security.dev-secret=" + DevTokens.DEV_SECRET,
                "--csp.relay.enabled=" + relay,
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--logging.level.com.cspchannel=INFO"));
        SpringApplicationBuilder builder = new SpringApplicationBuilder(PartnershipServiceApplication.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false);
        String claimExtension = System.getProperty("bench.experiment.claim-extension-ms");
        if (relay && claimExtension != null && !claimExtension.isBlank()) {
            // Experiment, not the service's configuration: how often an idle segment stores its token.
            long threshold = Long.parseLong(claimExtension.trim());
            ConfigurerModule module = configurer -> configurer.eventProcessing(processing -> processing
                    .registerPooledStreamingEventProcessorConfiguration(KafkaRelay.PROCESSING_GROUP,
                            (configuration, processor) -> processor.claimExtensionThreshold(threshold)));
            builder.initializers(context -> context.getBeanFactory().registerSingleton("benchClaimExtension", module));
            result.experiment = "claimExtensionThreshold=" + threshold + "ms";
        }
        return builder.run(args.toArray(String[]::new));
    }

    private String showSetting(String name) throws SQLException {
        try (Connection connection = connect(true); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private Connection connect(boolean autoCommit) throws SQLException {
        String url = databaseUrl + (databaseUrl.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        Connection connection = DriverManager.getConnection(url, postgres.user(), postgres.password());
        connection.setAutoCommit(autoCommit);
        return connection;
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

    /** Keeps logback (used before Spring configures it) from printing every Kafka client debug line. */
    private static void quietLogging() {
        if (System.getProperty("logback.configurationFile") != null) {
            return;
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
        } catch (IOException e) {
            // keep the default configuration
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

    /** The parts of a row written by the service that every backlog row copies. */
    private record Template(String aggregateType, String payloadType, String payloadRevision, byte[] payload,
                            String timeStamp) {
    }

    /** Everything measured in one run. */
    static final class Result {
        String date;
        String time;
        String label;
        String experiment;
        int cores;
        String memory;
        String cpu;
        String java;
        String loadBefore;
        String loadBeforeRelay;
        String loadAfterRelay;
        String postgres;
        String fsync;
        String synchronousCommit;
        boolean valid = true;
        int events;
        int aggregates;
        int partitions;
        double insertSeconds;
        double avgPayloadBytes;
        String batchSize;
        String segments;
        String mode;
        String threads;
        String fetchSize;
        String producerSettings;
        double bootSeconds;
        double totalSeconds;
        double firstProgressSeconds;
        long firstProgressIndex;
        double steadySeconds;
        double allAckedSeconds;
        int tokenRows;
        boolean replayTokens;
        List<long[]> timeline = List.of();
        double published;
        long topicRecords;
        long distinctIds;
        long duplicates;
        long unknownIds;
        double avgRecordBytes;
        String producerCommand;
        double producerRate;
        double producerMbPerSecond;
        String producerLine;

        double relayRate() {
            return events / totalSeconds;
        }

        double relaySteadyRate() {
            return steadySeconds <= 0 ? relayRate() : (events - firstProgressIndex) / steadySeconds;
        }

        double ackedRate() {
            return Double.isNaN(allAckedSeconds) ? Double.NaN : events / allAckedSeconds;
        }

        /** The highest rate between two consecutive progress samples (about one second apart). */
        double peakRate() {
            double peak = 0;
            for (int i = 1; i < timeline.size(); i++) {
                long[] a = timeline.get(i - 1);
                long[] b = timeline.get(i);
                if (a[1] >= 0 && b[0] - a[0] >= 500) {
                    peak = Math.max(peak, (b[1] - a[1]) * 1000.0 / (b[0] - a[0]));
                }
            }
            return peak;
        }

        double ratio() {
            return relayRate() / producerRate;
        }

        boolean verified() {
            return distinctIds == events && unknownIds == 0;
        }

        String summary() {
            Map<String, String> rows = new LinkedHashMap<>();
            rows.put("date", date + " " + time + (label.isBlank() ? "" : "  (" + label + ")"));
            rows.put("machine", cores + " cores (" + cpu + "), " + memory + ", " + java);
            rows.put("load average", "before " + loadBefore + " | at relay start " + loadBeforeRelay
                    + " | after relay " + loadAfterRelay);
            rows.put("postgres", postgres + " fsync=" + fsync + " synchronous_commit=" + synchronousCommit
                    + (valid ? "" : "   *** INVALID: numbers meaningless ***"));
            rows.put("backlog N", String.format(Locale.ROOT, "%,d ResellerComplianceChanged over %,d aggregates, "
                    + "%.0f-byte payloads (inserted in %.1f s)", events, aggregates, avgPayloadBytes, insertSeconds));
            rows.put("relay settings", "mode " + mode + ", batch-size " + batchSize + ", segments " + segments + " (token rows "
                    + tokenRows + "), threads " + threads + ", fetch-size " + fetchSize);
            rows.put("relay token shape", replayTokens ? "ReplayToken {tokenAtReset, currentToken} (initial catch-up "
                    + "runs as a replay; a reader of token->>'index' sees null)" : "GapAwareTrackingToken {index, gaps}");
            if (experiment != null) {
                rows.put("EXPERIMENT", experiment + " (bench.experiment.*: not the service's configuration)");
            }
            rows.put("relay producer", producerSettings + "; topic partitions " + partitions);
            rows.put("relay wall time", String.format(Locale.ROOT, "%.1f s from context start to token >= head "
                    + "(context ready %.1f s, first token move %.1f s, relay counter reached N at %.1f s)", totalSeconds,
                    bootSeconds, firstProgressSeconds, allAckedSeconds));
            rows.put("relay events/s", String.format(Locale.ROOT, "%,.0f  (context start -> lowest token >= head; "
                    + "%,.0f from the first token move; %,.0f context start -> all N acked; peak %,.0f over 1 s)",
                    relayRate(), relaySteadyRate(), ackedRate(), peakRate()));
            rows.put("topic check", String.format(Locale.ROOT, "%,d records, %,d distinct ce_id of %,d, %,d duplicates, "
                            + "%,d unknown; %.0f bytes/record; relay counter %,.0f", topicRecords, distinctIds, events,
                    duplicates, unknownIds, avgRecordBytes, published) + (verified() ? "  OK" : "  *** FAILED ***"));
            rows.put("ProducerPerformance", String.format(Locale.ROOT, "%,.0f records/s (%.2f MB/s)", producerRate,
                    producerMbPerSecond));
            rows.put("  command", producerCommand);
            rows.put("  summary", producerLine);
            rows.put("ratio relay/producer", String.format(Locale.ROOT, "%.3f (token >= head), %.3f (all acked), "
                    + "%.3f (peak)", ratio(), ackedRate() / producerRate, peakRate() / producerRate));
            rows.put("target", String.format(Locale.ROOT, ">= 5,000 events/s (context start -> token >= head): %s",
                    relayRate() >= 5000 ? "MET" : "NOT MET"));
            StringBuilder out = new StringBuilder("=== RelayBenchmark ===\n");
            rows.forEach((k, v) -> out.append(String.format(Locale.ROOT, "%-22s %s%n", k, v)));
            out.append("progress (s since context start: lowest token index)\n ");
            int n = 0;
            for (long[] point : timeline) {
                out.append(String.format(Locale.ROOT, " %.1f:%d", point[0] / 1000.0, point[1]));
                if (++n % 8 == 0) {
                    out.append("\n ");
                }
            }
            return out.toString().stripTrailing();
        }
    }

    private RelayBenchmark() {
    }
}
