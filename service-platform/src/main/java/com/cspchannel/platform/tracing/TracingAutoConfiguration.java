package com.cspchannel.platform.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * One trace from a request through the event store and Kafka to the views and notifications it leads to, on
 * Micrometer Tracing with OpenTelemetry ({@link EventTracing}). Spring Boot traces the HTTP requests, samples
 * ({@code management.tracing.sampling.probability}), puts trace and span ids into the log lines and exports over
 * OTLP when {@code management.otlp.tracing.endpoint} is set (nothing is exported without it). Here: a span per
 * command, the trace context in each event's metadata; the relay and the consumers continue it.
 *
 * <p>After Axon's auto-configuration: its {@code MessageOriginProvider} is registered only when no other
 * correlation data provider is, and the correlation id it writes stays.
 */
@AutoConfiguration(after = AxonAutoConfiguration.class)
public class TracingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public EventTracing eventTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        Tracer spans = tracer.getIfAvailable();
        Propagator contexts = propagator.getIfAvailable();
        return spans == null || contexts == null ? EventTracing.OFF : new EventTracing(spans, contexts);
    }

    @Bean
    public TraceContextCorrelation traceContextCorrelation(EventTracing tracing) {
        return new TraceContextCorrelation(tracing);
    }

    /** Axon registers every handler interceptor bean with the command bus. */
    @Bean
    public CommandSpans commandSpans(EventTracing tracing) {
        return new CommandSpans(tracing);
    }
}
