package com.cspchannel.platform.config;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps one scrape small (well under 150 KB) while the latency histograms stay useful. Measured before: 0.4-1.8 MB
 * per scrape, almost all of it Micrometer's default of 70-odd percentile-histogram buckets per HTTP route and
 * status, and Axon's six client-side quantiles (which cannot be aggregated across replicas) on four timers per
 * payload type.
 * <ul>
 *   <li>HTTP requests and Axon's command latency get fixed SLO buckets, enough for {@code histogram_quantile} and
 *       for the alert on p99 above 1 s. The in-flight request timer gets none.</li>
 *   <li>Refusals (4xx) are timed as {@code http.server.refusals}, with count, sum and max but no buckets: there is
 *       one series per route and status (a fuzz run makes 50-odd per service), they are quick, and a client that
 *       sends nonsense should neither blow up the scrape nor dilute the latency of the requests the service took on
 *       (nor the share of those that failed with 5xx). Prometheus cannot mix buckets and no buckets in one family,
 *       hence the second name.</li>
 *   <li>Of the Kafka clients' 150-odd metrics, those the dashboards, alerts and runbooks use: consumer lag, records
 *       consumed and sent, send errors and retries, request latency, connections and rebalances.</li>
 *   <li>Axon timers lose their quantiles; their success, failure and ignored variants go (the counters of the same
 *       names count them), and the one left per component and payload type keeps count, sum and max. Event
 *       processors keep their processed, success and failure counters per payload type, not ingested, ignored and
 *       capacity.</li>
 * </ul>
 * And the names follow Prometheus' conventions, so that {@code promtool check metrics} finds nothing
 * ({@link #prometheusConventions()}): Axon's camelCase names and tag keys become snake_case
 * ({@code commandBus.allTimer} and {@code payloadType} are scraped as {@code command_bus_all_timer_seconds} and
 * {@code payload_type}; {@code eventProcessor.failureCounter} as {@code event_processor_failure_total}, since a name
 * must not repeat its type), every meter gets a help text, gauges do not end in {@code _count}, and the two JVM timers
 * with abbreviated units (ms, ns) go. The other filters see the names after that mapping (Micrometer maps first,
 * then accepts and configures), hence the snake_case names below.
 */
@AutoConfiguration
public class MetricsAutoConfiguration {

    /** The HTTP and command latency buckets: 10 ms to 5 s, with the 50 ms of the latency target and the alert's 1 s. */
    static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(5)};
    private static final Set<String> AXON_COMPONENTS = Set.of("command_bus", "event_processor", "event_store",
            "event_bus", "query_bus", "deadline_manager", "event_scheduler");
    private static final Set<String> HISTOGRAMS = Set.of("http.server.requests", "command_bus.all_timer");
    private static final Set<String> KAFKA_KEPT = Set.of(
            "kafka.consumer.fetch.manager.records.lag.max", "kafka.consumer.fetch.manager.records.consumed.total",
            "kafka.consumer.coordinator.rebalance.total", "kafka.consumer.last.poll.seconds.ago",
            "kafka.consumer.connections", "kafka.producer.record.send.total", "kafka.producer.record.error.total",
            "kafka.producer.record.retry.total", "kafka.producer.request.latency.avg",
            "kafka.producer.request.latency.max", "kafka.producer.connections");
    /** Gauges whose names end in "count", which Prometheus keeps for histograms and summaries. */
    private static final Map<String, String> RENAMED = Map.of(
            "kafka.consumer.connection.count", "kafka.consumer.connections",
            "kafka.producer.connection.count", "kafka.producer.connections",
            "system.cpu.count", "system.cpus");
    /** Timers in ms and ns, units Prometheus wants as seconds; nothing the dashboards or alerts use. */
    private static final Set<String> ABBREVIATED_UNITS = Set.of("jvm.compilation.time", "process.cpu.time");
    /** Help texts of Axon's meters, by the last part of their name. */
    private static final Map<String, String> AXON_HELP = Map.of(
            "ingested", "Messages the component received",
            "success", "Messages the component handled successfully",
            "failure", "Messages whose handling failed",
            "ignored", "Messages the component had no handler for",
            "processed", "Messages the component handled, successfully or not",
            "all_timer", "Time the component took to handle a message",
            "capacity", "Share of the component's handling threads in use",
            "latency", "Time from an event's timestamp to its handling");

    static final String REFUSALS = "http.server.refusals";

    @Bean
    public MeterFilter prometheusConventions() {
        return new MeterFilter() {
            /**
             * Ids already mapped. Micrometer maps an id on every lookup, and Axon looks its meters up once per
             * message; the ids are few (names times tag values of a fixed set), the mapping allocates.
             */
            private final Map<MappedId, Meter.Id> mapped = new ConcurrentHashMap<>();

            @Override
            public Meter.Id map(Meter.Id id) {
                return mapped.computeIfAbsent(new MappedId(id, id.getType(), id.getDescription(), id.getBaseUnit()),
                        key -> conventional(id));
            }

            private Meter.Id conventional(Meter.Id id) {
                String name = snakeCase(RENAMED.getOrDefault(id.getName(), id.getName()));
                if (isAxon(name) && name.endsWith("_counter")) {
                    // the registry adds _total to a counter; "counter" in the name says it twice
                    name = name.substring(0, name.length() - "_counter".length());
                }
                List<Tag> tags = id.getTags().stream().map(t -> Tag.of(snakeCase(t.getKey()), t.getValue())).toList();
                Meter.Id mapped = id.withName(name).replaceTags(tags);
                if (id.getDescription() != null && !id.getDescription().isBlank()) {
                    return mapped;
                }
                // the one way to give an id a description (it drops the link of a derived meter to its origin,
                // which only percentile gauges use, and these meters have none)
                return new Meter.Id(name, Tags.of(tags), id.getBaseUnit(), help(name), id.getType());
            }

            @Override
            public MeterFilterReply accept(Meter.Id id) {
                return ABBREVIATED_UNITS.contains(id.getName()) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
            }
        };
    }

    /** What the conventions' mapping depends on: a meter id's equality covers its name and tags only. */
    private record MappedId(Meter.Id id, Meter.Type type, String description, String baseUnit) {
    }

    /** {@code commandBus.allTimer} as {@code command_bus.all_timer}; dots stay (the registry makes them _). */
    static String snakeCase(String name) {
        // Micrometer maps a meter's id through the filters on every lookup, and Axon looks its timers up once per
        // message: with a regular expression compiled per call this was a third of the relay workers' CPU (JFR,
        // docs/benchmarks.md). Names and tag keys are a small fixed set, so each is converted once.
        return SNAKE_CASE.computeIfAbsent(name, n -> CAMEL_HUMP.matcher(n).replaceAll("$1_$2").toLowerCase(Locale.ROOT));
    }

    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Map<String, String> SNAKE_CASE = new ConcurrentHashMap<>();

    private static String help(String name) {
        if (isAxon(name)) {
            String part = name.substring(name.indexOf('.') + 1);
            String component = name.substring(0, name.indexOf('.')).replace('_', ' ');
            return AXON_HELP.getOrDefault(part, "Axon " + component + " " + part.replace('_', ' ')) + " (Axon "
                    + component + ")";
        }
        if (name.startsWith("http.server.requests")) {
            return "HTTP requests answered"
                    + (name.endsWith(".active") ? " that are still in progress" : ", by route and status");
        }
        if (name.equals(REFUSALS)) {
            return "HTTP requests refused with a 4xx, by route and status (no buckets)";
        }
        return name.replace('.', ' ');
    }

    @Bean
    public MeterFilter refusalsApart() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().equals("http.server.requests")) {
                    return id;
                }
                // "error" repeats "exception" (Spring's observation adds both)
                Meter.Id lean = id.replaceTags(id.getTags().stream().filter(t -> !t.getKey().equals("error")).toList());
                return "CLIENT_ERROR".equals(id.getTag("outcome")) ? lean.withName(REFUSALS) : lean;
            }
        };
    }

    @Bean
    public MeterFilter latencyHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                String name = id.getName();
                if (HISTOGRAMS.contains(name)) {
                    return DistributionStatisticConfig.builder()
                            .percentiles(new double[0])
                            .percentilesHistogram(false)
                            .serviceLevelObjectives(nanos(LATENCY_BUCKETS))
                            .build().merge(config);
                }
                if (name.startsWith("http.server.") || isAxon(name)) {
                    return DistributionStatisticConfig.builder()
                            .percentiles(new double[0])
                            .percentilesHistogram(false)
                            .serviceLevelObjectives(new double[0])
                            .build().merge(config);
                }
                return config;
            }
        };
    }

    @Bean
    public MeterFilter kafkaClientMetricsInUse() {
        return MeterFilter.deny(id -> id.getName().startsWith("kafka.") && !KAFKA_KEPT.contains(id.getName()));
    }

    @Bean
    public MeterFilter noRedundantAxonTimers() {
        return MeterFilter.deny(id -> isAxon(id.getName())
                && (id.getName().endsWith(".success_timer") || id.getName().endsWith(".ignored_timer")
                || id.getName().endsWith(".failure_timer"))
                // per payload type and processor; processed, success and failure counters tell what matters
                || Set.of("event_processor.ingested", "event_processor.ignored", "event_processor.capacity")
                        .contains(id.getName()));
    }

    private static boolean isAxon(String name) {
        int dot = name.indexOf('.');
        return dot > 0 && AXON_COMPONENTS.contains(name.substring(0, dot));
    }

    private static double[] nanos(Duration[] buckets) {
        double[] values = new double[buckets.length];
        for (int i = 0; i < buckets.length; i++) {
            values[i] = buckets[i].toNanos();
        }
        return values;
    }
}
