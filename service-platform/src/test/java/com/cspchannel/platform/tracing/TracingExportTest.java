package com.cspchannel.platform.tracing;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.tracing.Span;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Export is off until an OTLP endpoint is configured; then the spans go there over OTLP/HTTP (sent with the JDK's
 * HttpClient, the sender the platform ships), the trace they continue intact.
 */
class TracingExportTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withPropertyValues("spring.application.name=tracing-test")
            .withConfiguration(AutoConfigurations.of(OpenTelemetryAutoConfiguration.class,
                    OpenTelemetryTracingAutoConfiguration.class, OtlpTracingAutoConfiguration.class,
                    TracingAutoConfiguration.class));

    @Test
    void withoutAnEndpointSpansAreMadeButNotExported() {
        service.run(context -> {
            assertThat(context).doesNotHaveBean(OtlpHttpSpanExporter.class);
            EventTracing tracing = context.getBean(EventTracing.class);
            assertThat(tracing.enabled()).as("spans are still made: their ids go into the log lines").isTrue();
            Span span = tracing.start(TRACEPARENT, "publish csp.test.events", Span.Kind.PRODUCER);
            assertThat(span.context().traceId()).isEqualTo(TRACE_ID);
            span.end();
        });
    }

    @Test
    void withAnEndpointSpansAreExportedThereOverOtlpHttp() throws Exception {
        BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            received.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try {
            service.withPropertyValues("management.otlp.tracing.endpoint=http://127.0.0.1:"
                            + collector.getAddress().getPort() + "/v1/traces")
                    .run(context -> {
                        assertThat(context).hasSingleBean(OtlpHttpSpanExporter.class);
                        EventTracing tracing = context.getBean(EventTracing.class);
                        tracing.start(TRACEPARENT, "publish csp.test.events", Span.Kind.PRODUCER).end();
                    }); // closing the context flushes the spans not yet sent
            byte[] export = received.poll(30, TimeUnit.SECONDS);
            assertThat(export).as("an OTLP export request").isNotNull();
            // protobuf: the span's name as UTF-8, its trace id as its 16 bytes
            assertThat(new String(export, StandardCharsets.ISO_8859_1))
                    .contains("publish csp.test.events")
                    .contains(new String(HexFormat.of().parseHex(TRACE_ID), StandardCharsets.ISO_8859_1));
        } finally {
            collector.stop(0);
        }
    }
}
