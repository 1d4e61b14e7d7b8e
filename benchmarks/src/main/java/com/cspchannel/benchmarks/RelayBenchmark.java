package com.cspchannel.benchmarks;

import com.cspchannel.events.Topics;
import com.cspchannel.events.partnership.ProgramStatus;
import com.cspchannel.events.partnership.ResellerComplianceChanged;
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
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static com.cspchannel.benchmarks.BenchmarkHarness.intSetting;
import static com.cspchannel.benchmarks.BenchmarkHarness.log;
import static com.cspchannel.benchmarks.BenchmarkHarness.seconds;

/**
 * Benchmark of the Kafka relay: how fast it drains a backlog of public events from the event store into Kafka,
 * compared with what the same broker accepts from Kafka's own {@code ProducerPerformance} tool in the same run.
 *
 * <p>Run it as {@code relay} (see {@link Benchmarks} and docs/benchmarks.md):
 * <pre>
 * ./mvnw -q -B -pl benchmarks exec:exec -Dbench=relay
 * ./mvnw -q -B -pl benchmarks exec:exec -Dbench=relay \
 *     -Dbench.args="axon.eventhandling.processors.kafka-relay.batch-size=1000 bench.label=batch-1000"
 * </pre>
 * Every argument {@code key=value} becomes a system property before anything starts, so relay tunables
 * ({@code axon.eventhandling.processors.kafka-relay.batch-size}, {@code ...initial-segment-count},
 * {@code csp.event-store.fetch-size}, ...) reach the service's Spring environment. Settings of this benchmark:
 * {@code bench.events} (100000), {@code bench.aggregates} (1000), {@code bench.insert-batch} (1000),
 * {@code bench.timeout-seconds} (900), {@code bench.producer-records} (100000), {@code bench.producer-record-size}
 * (300) and {@code bench.experiment.claim-extension-ms} (an experiment, not the service's configuration: sets the
 * relay processor's claim extension threshold); those of every benchmark are listed in {@link BenchmarkHarness}.
 * The JVM options come from the Maven property {@code bench.jvm} (default {@code -Xmx1g}).
 *
 * <p>Steps: boot the service with the relay off (Flyway creates the schema), record one real event to copy the
 * exact row format, bulk-insert the backlog with JDBC batches (payloads from Axon's own event serializer) and check
 * that Axon reads them back; boot the service again with the relay on and time it until the relay's lowest token
 * index reaches the head of the store; verify the topic holds every event id; run {@code ProducerPerformance}
 * against the same broker. The harness provides the broker, the database, the load and the report.
 */
final class RelayBenchmark implements Benchmark {

    static final String RELAY_TOPIC = Topics.PARTNERSHIPS;
    static final String PERF_TOPIC = "perf-test";
    static final String BATCH_SIZE = "axon.eventhandling.processors.kafka-relay.batch-size";
    static final String SEGMENTS = "axon.eventhandling.processors.kafka-relay.initial-segment-count";
    static final String THREADS = "axon.eventhandling.processors.kafka-relay.thread-count";
    static final String FETCH_SIZE = "csp.event-store.fetch-size";
    static final Report REPORT = new Report("relay-bench", "Kafka relay: draining a backlog", "RelayBenchmark",
            """
            | Date (UTC) | Run | N | batch size | segments | fetch size \
            | relay events/s: context start → lowest token ≥ head \
            | relay events/s: context start → all N acked | relay peak events/s (1 s) \
            | ProducerPerformance records/s | ratio relay/producer | distinct ce_id / duplicates | cores \
            | load avg (1 min): relay start → end |
            |---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|""");

    private final int events = intSetting("bench.events", 100_000);
    private final int aggregates = intSetting("bench.aggregates", 1_000);
    private final int insertBatch = intSetting("bench.insert-batch", 1_000);
    private final Duration timeout = Duration.ofSeconds(intSetting("bench.timeout-seconds", 900));
    private final int producerRecords = intSetting("bench.producer-records", 100_000);
    private final int producerRecordSize = intSetting("bench.producer-record-size", 300);

    private final Result result = new Result();
    private BenchmarkHarness harness;

    RelayBenchmark() {
        if (events % aggregates != 0) {
            throw new IllegalArgumentException("bench.events must be a multiple of bench.aggregates");
        }
    }

    @Override
    public Setup setup() {
        return new Setup(List.of(RELAY_TOPIC, PERF_TOPIC), "relay_bench");
    }

    @Override
    public Outcome run(BenchmarkHarness harness) throws Exception {
        this.harness = harness;
        result.events = events;
        result.aggregates = aggregates;
        Set<String> eventIds = prepareBacklog();
        measureRelay();
        verifyTopic(eventIds);
        // the relay's producer settings; the same heap as this JVM
        result.producer = harness.kafkaPerformance().producer(PERF_TOPIC, producerRecords, producerRecordSize,
                (Runtime.getRuntime().maxMemory() >> 20) + "m",
                List.of("acks=all", "linger.ms=10", "batch.size=131072"));
        String label = result.label(harness.machine().label());
        return new Outcome(result.summary(harness), result.verified(), REPORT, label, result.cells(harness));
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

            try (Connection connection = harness.connect(true); Statement statement = connection.createStatement()) {
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
        try (Connection connection = harness.connect(false); Statement statement = connection.createStatement();
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
        try (Connection connection = harness.connect(false);
             PreparedStatement insert = connection.prepareStatement(sql)) {
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

    private void measureRelay() throws Exception {
        long head;
        try (Connection connection = harness.connect(false); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select max(global_index), count(*) from domain_event_entry")) {
            rs.next();
            head = rs.getLong(1);
            if (rs.getLong(2) != events) {
                throw new IllegalStateException("the store holds " + rs.getLong(2) + " events, expected " + events);
            }
        }
        harness.measure(() -> {
            relay(head);
            return null;
        });
        log("relay caught up with %,d events %.1f s after the context started (%,.0f events/s; %,.0f events/s from "
                        + "its first token move at %.1f s)", events, result.totalSeconds, result.relayRate(),
                result.relaySteadyRate(), result.firstProgressSeconds);
    }

    /** The measured phase: from the context's start until the lowest token reaches the head of the store. */
    private void relay(long head) throws Exception {
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
            try (Connection connection = harness.connect(true);
                 PreparedStatement statement = connection.prepareStatement(query)) {
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
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, harness.bootstrapServers());
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


    // ----------------------------------------------------------------------------------------------- plumbing

    private ConfigurableApplicationContext boot(boolean relay) {
        String claimExtension = System.getProperty("bench.experiment.claim-extension-ms");
        boolean experiment = relay && claimExtension != null && !claimExtension.isBlank();
        if (experiment) {
            result.experiment = "claimExtensionThreshold=" + Long.parseLong(claimExtension.trim()) + "ms";
        }
        return PartnershipService.boot(harness.databaseUrl(), harness.databaseUser(), harness.databasePassword(),
                harness.bootstrapServers(), relay, List.of(), builder -> {
                    if (!experiment) {
                        return builder;
                    }
                    // Experiment, not the service's configuration: how often an idle segment stores its token.
                    long threshold = Long.parseLong(claimExtension.trim());
                    ConfigurerModule module = configurer -> configurer.eventProcessing(processing -> processing
                            .registerPooledStreamingEventProcessorConfiguration(KafkaRelay.PROCESSING_GROUP,
                                    (configuration, processor) -> processor.claimExtensionThreshold(threshold)));
                    return builder.initializers(context -> context.getBeanFactory()
                            .registerSingleton("benchClaimExtension", module));
                });
    }

    /** The parts of a row written by the service that every backlog row copies. */
    private record Template(String aggregateType, String payloadType, String payloadRevision, byte[] payload,
                            String timeStamp) {
    }

    /** What this benchmark measured in one run; the harness holds what every run records. */
    static final class Result {
        String experiment;
        int events;
        int aggregates;
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
        KafkaPerformance.Producer producer;

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
            return relayRate() / producer.rate();
        }

        boolean verified() {
            return distinctIds == events && unknownIds == 0;
        }

        /** {@code bench.label}, or the settings that differ between runs, so that a rerun replaces its own row. */
        String label(String label) {
            if (label != null && !label.isBlank()) {
                return label.replace("|", "/");
            }
            String modeLabel = "pooled".equals(mode) ? "" : "mode " + mode + ", ";
            return modeLabel + "batch " + batchSize + ", fetch " + fetchSize.replaceAll(" .*", "") + ", "
                    + segments + " segments" + (experiment == null ? "" : ", experiment " + experiment);
        }

        String cells(BenchmarkHarness harness) {
            return String.format(Locale.ROOT,
                    "%,d | %s | %s | %s | **%,.0f** | %,.0f | %,.0f | %,.0f | %.3f | %,d / %,d%s | %d | %s",
                    events, batchSize, segments, fetchSize.replaceAll(" .*", ""), relayRate(), ackedRate(), peakRate(),
                    producer.rate(), ratio(), distinctIds, duplicates, verified() ? "" : " FAILED",
                    harness.machine().cores(), firstField(harness.loadAtStart()) + " → "
                            + firstField(harness.loadAtEnd()));
        }

        private static String firstField(String loadavg) {
            return loadavg == null || loadavg.isBlank() ? "?" : loadavg.split(" ")[0];
        }

        String summary(BenchmarkHarness harness) {
            Summary summary = harness.summary("RelayBenchmark", 22, "at relay start", "after relay");
            summary.row("backlog N", String.format(Locale.ROOT, "%,d ResellerComplianceChanged over %,d aggregates, "
                    + "%.0f-byte payloads (inserted in %.1f s)", events, aggregates, avgPayloadBytes, insertSeconds));
            summary.row("relay settings", "mode " + mode + ", batch-size " + batchSize + ", segments " + segments
                    + " (token rows " + tokenRows + "), threads " + threads + ", fetch-size " + fetchSize);
            summary.row("relay token shape", replayTokens ? "ReplayToken {tokenAtReset, currentToken} (initial "
                    + "catch-up runs as a replay; a reader of token->>'index' sees null)"
                    : "GapAwareTrackingToken {index, gaps}");
            if (experiment != null) {
                summary.row("EXPERIMENT", experiment + " (bench.experiment.*: not the service's configuration)");
            }
            summary.row("relay producer", producerSettings + "; topic partitions " + BenchmarkHarness.PARTITIONS);
            summary.row("relay wall time", String.format(Locale.ROOT, "%.1f s from context start to token >= head "
                    + "(context ready %.1f s, first token move %.1f s, relay counter reached N at %.1f s)",
                    totalSeconds, bootSeconds, firstProgressSeconds, allAckedSeconds));
            summary.row("relay events/s", String.format(Locale.ROOT, "%,.0f  (context start -> lowest token >= "
                    + "head; %,.0f from the first token move; %,.0f context start -> all N acked; peak %,.0f over 1 s)",
                    relayRate(), relaySteadyRate(), ackedRate(), peakRate()));
            summary.row("topic check", String.format(Locale.ROOT, "%,d records, %,d distinct ce_id of %,d, %,d "
                            + "duplicates, %,d unknown; %.0f bytes/record; relay counter %,.0f", topicRecords,
                    distinctIds, events, duplicates, unknownIds, avgRecordBytes, published)
                    + (verified() ? "  OK" : "  *** FAILED ***"));
            summary.row("ProducerPerformance", String.format(Locale.ROOT, "%,.0f records/s (%.2f MB/s)",
                    producer.rate(), producer.mbPerSecond()));
            summary.row("  command", producer.command());
            summary.row("  summary", producer.line());
            summary.row("ratio relay/producer", String.format(Locale.ROOT, "%.3f (token >= head), %.3f (all acked), "
                    + "%.3f (peak)", ratio(), ackedRate() / producer.rate(), peakRate() / producer.rate()));
            summary.row("target", String.format(Locale.ROOT, ">= 5,000 events/s (context start -> token >= head): "
                    + "%s", relayRate() >= 5000 ? "MET" : "NOT MET"));
            return summary.timeline("progress (s since context start: lowest token index)", timeline.stream()
                    .map(point -> String.format(Locale.ROOT, "%.1f:%d", point[0] / 1000.0, point[1])).toList(), 8)
                    .plotRates("relay-" + events + "-" + label(System.getProperty("bench.label")),
                            String.format(Locale.ROOT, "relay draining %,d events: events published per second",
                                    events), "events/s (lowest token's progress)")
                    .text();
        }
    }
}
