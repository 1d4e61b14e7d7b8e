package com.cspchannel.platform.test;

import com.cspchannel.events.CloudEventHeaders;
import com.cspchannel.events.EventCatalog;
import com.cspchannel.events.EventCodec;
import com.cspchannel.events.PublicEvent;
import com.cspchannel.infra.SharedInfrastructure;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The spans a service under test finished, kept in memory as they end (OpenTelemetry's {@link InMemorySpanExporter}
 * behind a synchronous processor, beside the service's own exporting): what an OTLP collector would have received.
 * Only sampled spans arrive; a test that follows a trace sends a sampled {@code traceparent} of its own, as a
 * gateway in front of the service would, and the service's parent-based sampler keeps that whole trace.
 */
public class RecordedSpans {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

    /** A trace id and a parent span id that a test sends as a sampled {@code traceparent}. */
    public record TestTrace(String traceId, String spanId) {

        public static TestTrace random() {
            java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
            return new TestTrace(String.format("%016x%016x", random.nextLong() | 1, random.nextLong()),
                    String.format("%016x", random.nextLong() | 1));
        }

        public String traceparent() {
            return "00-" + traceId + "-" + spanId + "-01";
        }
    }

    /** The spans of one trace finished so far. */
    public List<SpanData> ofTrace(String traceId) {
        return exporter.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }

    /** Waits up to 60 s for a finished span of the trace of that kind and name (as {@code description} says). */
    public SpanData await(String traceId, SpanKind kind, Predicate<String> name, String description) {
        Predicate<SpanData> wanted = s -> s.getKind() == kind && name.test(s.getName());
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).alias(description + " in trace "
                + traceId).until(() -> ofTrace(traceId).stream().anyMatch(wanted));
        return ofTrace(traceId).stream().filter(wanted).findFirst().orElseThrow();
    }

    /** The span id in a {@code traceparent} ({@code 00-<trace id>-<span id>-<flags>}). */
    public static String spanIdOf(String traceparent) {
        return traceparent.split("-")[2];
    }

    /** The trace id in a {@code traceparent}. */
    public static String traceIdOf(String traceparent) {
        return traceparent.split("-")[1];
    }

    /**
     * Publishes {@code event} as a relay that traces does: a CloudEvent with {@code traceparent} among its headers,
     * and waits until the broker has it.
     */
    public static void publishTraced(String topic, String key, PublicEvent event, String traceparent) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", SharedInfrastructure.kafkaBootstrapServers());
        properties.put("key.serializer", StringSerializer.class.getName());
        properties.put("value.serializer", ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties)) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, EventCodec.encode(event));
            CloudEventHeaders.of(event, EventCatalog.of(event).domain() + "-service", key).toKafkaHeaders()
                    .forEach((name, value) -> record.headers().add(name, value));
            record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + event, e);
        }
    }

    /** Registers the recorder with the service's tracer. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Recording {

        @Bean
        public RecordedSpans recordedSpans() {
            return new RecordedSpans();
        }

        @Bean
        public SpanProcessor recordedSpansProcessor(RecordedSpans spans) {
            return SimpleSpanProcessor.create(spans.exporter);
        }
    }
}
