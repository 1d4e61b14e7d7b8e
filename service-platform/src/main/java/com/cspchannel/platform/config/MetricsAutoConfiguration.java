package com.cspchannel.platform.config;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

import java.time.Duration;
import java.util.Set;

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
 */
@AutoConfiguration
public class MetricsAutoConfiguration {

    /** The HTTP and command latency buckets: 10 ms to 5 s, with the 50 ms of the latency target and the alert's 1 s. */
    static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(5)};
    private static final Set<String> AXON_COMPONENTS = Set.of("commandBus", "eventProcessor", "eventStore",
            "eventBus", "queryBus", "deadlineManager", "eventScheduler");
    private static final Set<String> HISTOGRAMS = Set.of("http.server.requests", "commandBus.allTimer");
    private static final Set<String> KAFKA_KEPT = Set.of(
            "kafka.consumer.fetch.manager.records.lag.max", "kafka.consumer.fetch.manager.records.consumed.total",
            "kafka.consumer.coordinator.rebalance.total", "kafka.consumer.last.poll.seconds.ago",
            "kafka.consumer.connection.count", "kafka.producer.record.send.total", "kafka.producer.record.error.total",
            "kafka.producer.record.retry.total", "kafka.producer.request.latency.avg",
            "kafka.producer.request.latency.max", "kafka.producer.connection.count");

    static final String REFUSALS = "http.server.refusals";

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
                && (id.getName().endsWith(".successTimer") || id.getName().endsWith(".ignoredTimer")
                || id.getName().endsWith(".failureTimer"))
                // per payload type and processor; processed, success and failure counters tell what matters
                || Set.of("eventProcessor.ingestedCounter", "eventProcessor.ignoredCounter", "eventProcessor.capacity")
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
