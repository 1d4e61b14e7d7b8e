package com.cspchannel.partnership.integration;

import com.cspchannel.events.Topics;
import com.cspchannel.platform.consistency.ReadCopies;
import com.cspchannel.platform.consumer.EventConsumers;
import com.cspchannel.platform.consumer.ReceivedEvent;
import com.cspchannel.platform.consumer.RunningConsumer;
import com.cspchannel.partnership.command.PartnershipProblem;
import com.cspchannel.platform.domain.DomainRuleViolation;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the reseller associations view: a consumer for the active generation, and during a rebuild one for the
 * generation being built from offset 0, each in its own consumer group ({@link #consumerOf}) and applied a poll
 * at a time per consumer of the group (the platform's batch consumers, see {@link EventConsumers#startBatches} and
 * {@link AssociationWriter#applyAll}): a crash replays at most one poll per consumer, and the event ids make the
 * replay change nothing. The state lives in the database ({@code association_view_state}), so
 * every instance runs the consumers the state asks for, a crash mid-rebuild resumes it from its committed
 * offsets, and the switch to the rebuilt generation is one conditional update that exactly one instance wins.
 */
public class AssociationView implements SmartLifecycle, ReadCopies {

    /** The state of the view and of its rebuild, for the status endpoint. */
    public record Status(int activeGeneration, Integer buildingGeneration, String state, Instant startedAt,
                         Instant finishedAt, long eventsProcessed, double eventsPerSecond, long lag, String error) {
    }

    private static final Logger log = LoggerFactory.getLogger(AssociationView.class);
    /** The {@code view} tag of this view's metrics. */
    static final String VIEW = "reseller-associations";
    static final List<String> TOPICS = List.of(Topics.PARTNERSHIPS, Topics.CUSTOMERS, Topics.SUBSCRIPTIONS);
    /** Records per poll, and so per transaction: large enough that a rebuild is set-based, small enough to retry. */
    private static final int BATCH = 2000;
    /**
     * Consumers per generation in each instance, each applying its partitions' polls in its own transaction: one
     * consumer left PostgreSQL applying one poll at a time while the rest of the machine waited (docs/benchmarks.md).
     * Safe for this view because every interval is opened and closed by events of one aggregate, which share a
     * partition; a crash replays each consumer's uncommitted poll, and the event ids make that change nothing.
     */
    private static final int CONSUMERS = 3;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final EventConsumers eventConsumers;
    private final AssociationWriter writer;
    private final Map<Integer, RunningConsumer> consumers = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> applied = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;
    private volatile boolean running;

    public AssociationView(JdbcTemplate jdbc, TransactionTemplate transactions, EventConsumers eventConsumers,
                           AssociationWriter writer, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.eventConsumers = eventConsumers;
        this.writer = writer;
        FunctionCounter.builder("csp.view.rebuild.events.processed", this, v -> {
                    Integer building = v.state().building();
                    AtomicLong count = building == null ? null : v.applied.get(building);
                    return count == null ? 0 : count.get();
                }).description("Events applied by the running rebuild on this instance").tag("view", VIEW)
                .register(meters);
        Gauge.builder("csp.view.rebuild.lag", this, v -> {
                    RunningConsumer building = v.buildingConsumer();
                    return building == null ? 0 : building.lag();
                }).description("Events the running rebuild still has to read (0 when none runs)").baseUnit("events")
                .tag("view", VIEW).register(meters);
        Gauge.builder("csp.view.lag", this, v -> {
                    RunningConsumer active = v.consumers.get(v.state().activeGeneration());
                    return active == null ? -1 : active.lag();
                }).description("Events the active view still has to read (-1: unknown)").baseUnit("events")
                .tag("view", VIEW).register(meters);
    }

    /** The consumer (and consumer group) of one generation. */
    static String consumerOf(int generation) {
        return "partnership-service.associations.g" + generation;
    }

    /** Starts a rebuild into a new generation while the active one keeps answering. */
    public Status startRebuild() {
        Integer generation = transactions.execute(status -> {
            StateRow state = stateForUpdate();
            if ("running".equals(state.rebuildState())) {
                return null;
            }
            int next = Math.max(state.active(), state.building() == null ? 0 : state.building()) + 1;
            jdbc.update("delete from reseller_association where generation = ?", next);
            jdbc.update("delete from consumed_event where consumer = ?", consumerOf(next));
            jdbc.update("""
                    update association_view_state set building_generation = ?, rebuild_state = 'running',
                        rebuild_started_at = now(), rebuild_finished_at = null, rebuild_events = 0,
                        rebuild_error = null where id = 1""",
                    next);
            return next;
        });
        if (generation == null) {
            throw new DomainRuleViolation(PartnershipProblem.REBUILD_RUNNING, "A rebuild of the associations view is running.");
        }
        log.info("Rebuild of the associations view started into generation {}", generation);
        reconcile();
        return status();
    }

    public Status status() {
        StateRow state = state();
        RunningConsumer building = buildingConsumer();
        long processed = state.building() == null ? state.events() : jdbc.queryForObject(
                "select count(*) from consumed_event where consumer = ?", Long.class, consumerOf(state.building()));
        Instant started = state.startedAt();
        Instant end = state.finishedAt() != null ? state.finishedAt() : Instant.now();
        double seconds = started == null ? 0 : Math.max(0.001, Duration.between(started, end).toMillis() / 1000.0);
        return new Status(state.active(), state.building(), state.rebuildState(), started, state.finishedAt(),
                processed, started == null ? 0 : processed / seconds, building == null ? 0 : building.lag(),
                state.error());
    }

    /**
     * Only the view's own reads, and the reassignments planned on it, are answered from it, from the active
     * generation: a request's token waits for that consumer (not a rebuild's). The service's other requests
     * decide on its own aggregates and views, written with its commands, and need not wait for this view.
     */
    @Override
    public Map<String, List<String>> consumersByTopic(String path) {
        if (!path.contains("/associations") && !path.contains("/reseller-of-record-history")
                && !path.contains("/reports/subscriptions") && !path.contains("/ineligibility")
                && !path.contains("/reseller-reassignments")) {
            return Map.of();
        }
        String active = consumerOf(activeGeneration());
        Map<String, List<String>> byTopic = new java.util.LinkedHashMap<>();
        TOPICS.forEach(topic -> byTopic.put(topic, List.of(active)));
        return byTopic;
    }

    /**
     * Records the active generation's consumer group still had to read at this instance's last reading, about a
     * second old (-1: not known yet).
     */
    public long lag() {
        RunningConsumer active = consumers.get(activeGeneration());
        return active == null ? -1 : active.lag();
    }

    /** The generation reads must use. */
    public int activeGeneration() {
        return state().activeGeneration();
    }

    /** Starts and stops consumers to match the state, and switches to a rebuilt generation once it caught up. */
    void reconcile() {
        try {
            StateRow state = state();
            RunningConsumer building = state.building() == null ? null : consumers.get(state.building());
            if (building != null && "running".equals(state.rebuildState()) && building.caughtUp()) {
                swap(state.active(), state.building());
                state = state();
            }
            ensureRunning(state.active());
            if (state.building() != null && "running".equals(state.rebuildState())) {
                ensureRunning(state.building());
            }
            for (Integer generation : consumers.keySet()) {
                boolean wanted = generation == state.active()
                        || (generation.equals(state.building()) && "running".equals(state.rebuildState()));
                if (!wanted) {
                    consumers.remove(generation).stop();
                    applied.remove(generation);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Associations view: reconciling consumers failed: {}", e.toString());
        }
    }

    private void swap(int old, int rebuilt) {
        int updated = jdbc.update("""
                update association_view_state set active_generation = ?, building_generation = null,
                    rebuild_state = 'completed', rebuild_finished_at = now(),
                    rebuild_events = (select count(*) from consumed_event where consumer = ?)
                where id = 1 and building_generation = ? and rebuild_state = 'running'""", rebuilt,
                consumerOf(rebuilt), rebuilt);
        if (updated == 1) {
            log.info("Associations view: generation {} caught up and replaced generation {}", rebuilt, old);
            jdbc.update("delete from reseller_association where generation = ?", old);
            jdbc.update("delete from consumed_event where consumer = ?", consumerOf(old));
        }
    }

    private void ensureRunning(int generation) {
        consumers.computeIfAbsent(generation, g -> {
            AtomicLong count = applied.computeIfAbsent(g, x -> new AtomicLong());
            return eventConsumers.startBatches(consumerOf(g), TOPICS, BATCH, CONSUMERS, fresh -> {
                writer.applyAll(g, fresh.stream().map(ReceivedEvent::event).toList());
                count.addAndGet(fresh.size());
            });
        });
    }

    /** The consumer of the generation being built on this instance, if a rebuild runs (the state is read once). */
    private RunningConsumer buildingConsumer() {
        Integer building = state().building();
        return building == null ? null : consumers.get(building);
    }

    private record StateRow(int active, Integer building, String rebuildState, Instant startedAt, Instant finishedAt,
                            long events, String error) {
        int activeGeneration() {
            return active;
        }
    }

    private StateRow state() {
        return jdbc.queryForObject("select * from association_view_state where id = 1", (rs, n) -> row(rs));
    }

    private StateRow stateForUpdate() {
        return jdbc.queryForObject("select * from association_view_state where id = 1 for update", (rs, n) -> row(rs));
    }

    private static StateRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StateRow(rs.getInt("active_generation"), (Integer) rs.getObject("building_generation"),
                rs.getString("rebuild_state"), instant(rs.getTimestamp("rebuild_started_at")),
                instant(rs.getTimestamp("rebuild_finished_at")), rs.getLong("rebuild_events"),
                rs.getString("rebuild_error"));
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "associations-view");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::reconcile, 0, 1, TimeUnit.SECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        consumers.values().forEach(RunningConsumer::stop);
        consumers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
