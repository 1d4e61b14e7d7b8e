package com.cspchannel.platform.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a scrape shows of meters named the way Axon, Kafka's client and the JVM binders name them, once the
 * platform's filters apply (the real scrape is linted with promtool in the chart tests).
 */
class PrometheusConventionsTest {

    private final PrometheusMeterRegistry registry = registry();

    private static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MetricsAutoConfiguration metrics = new MetricsAutoConfiguration();
        registry.config().meterFilter(metrics.refusalsApart()).meterFilter(metrics.prometheusConventions())
                .meterFilter(metrics.latencyHistograms()).meterFilter(metrics.kafkaClientMetricsInUse())
                .meterFilter(metrics.noRedundantAxonTimers());
        return registry;
    }

    @Test
    void axonsCamelCaseNamesAndTagsAreScrapedInSnakeCaseWithHelpAndTheirBuckets() {
        Timer.builder("commandBus.allTimer").tag("payloadType", "InvitePartner").register(registry)
                .record(Duration.ofMillis(30));
        Counter.builder("eventProcessor.processedCounter").tag("processorName", "kafka-relay").register(registry)
                .increment();
        String scrape = registry.scrape();
        assertThat(scrape).contains("command_bus_all_timer_seconds_bucket{payload_type=\"InvitePartner\",le=\"0.05\"} 1")
                .contains("event_processor_processed_total{processor_name=\"kafka-relay\"} 1")
                .contains("# HELP command_bus_all_timer_seconds Time the component took to handle a message")
                .doesNotContain("commandBus").doesNotContain("payloadType");
    }

    @Test
    void theFiltersThatDropAxonMetersStillMatchTheirRenamedNames() {
        Timer.builder("commandBus.successTimer").register(registry).record(Duration.ofMillis(1));
        Counter.builder("eventProcessor.ingestedCounter").register(registry).increment();
        assertThat(registry.scrape()).doesNotContain("success_timer").doesNotContain("event_processor_ingested");
    }

    @Test
    void gaugesDoNotEndInCountAndTimersInMsOrNsGo() {
        Gauge.builder("kafka.consumer.connection.count", () -> 2).register(registry);
        Gauge.builder("system.cpu.count", () -> 2).register(registry);
        Counter.builder("jvm.compilation.time").baseUnit("ms").register(registry).increment();
        String scrape = registry.scrape();
        assertThat(scrape).contains("kafka_consumer_connections 2").contains("system_cpus 2")
                .doesNotContain("connection_count").doesNotContain("jvm_compilation_time");
    }

    @Test
    void snakeCaseKeepsDotsAndLowercasesWordBoundaries() {
        assertThat(MetricsAutoConfiguration.snakeCase("eventProcessor.latency")).isEqualTo("event_processor.latency");
        assertThat(MetricsAutoConfiguration.snakeCase("http.server.requests")).isEqualTo("http.server.requests");
    }
}
