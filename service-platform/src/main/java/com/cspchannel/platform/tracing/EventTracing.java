package com.cspchannel.platform.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import java.util.function.Supplier;

/**
 * Carries one trace from a request through the event store and Kafka to the views it updates and to what happens
 * later because of it. Where the request's trace cannot simply stay on the thread, its W3C trace context (the
 * {@value #TRACEPARENT} of the current span) is written down: into each event's metadata when the event is appended
 * ({@link TraceContextCorrelation}), onto the Kafka record by the relay, and with anything a service does later (a
 * notification's mail). Whoever picks the work up continues that context in a span of its own ({@link #start}).
 *
 * <p>Only the traceparent is kept, not the trace state or baggage: the platform sets neither, and the relay reads
 * every event's metadata, so it should stay short.
 */
public final class EventTracing {

    /** The W3C Trace Context header, and the key of the same value in an event's metadata. */
    public static final String TRACEPARENT = "traceparent";

    /** Without a tracer: nothing is started, traceparents are passed on unchanged. */
    public static final EventTracing OFF = new EventTracing(Tracer.NOOP, Propagator.NOOP);

    private final Tracer tracer;
    private final Propagator propagator;

    public EventTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Whether spans are started at all; when not, traceparents are passed on as they came. */
    public boolean enabled() {
        return tracer != Tracer.NOOP && propagator != Propagator.NOOP;
    }

    /** The traceparent of the span in scope on this thread, or null when there is none. */
    public String current() {
        TraceContext context = tracer.currentTraceContext().context();
        return context == null ? null : traceparentOf(context);
    }

    /** The traceparent that makes a receiver's span a child of {@code context}. */
    public String traceparentOf(TraceContext context) {
        String[] traceparent = new String[1];
        propagator.inject(context, traceparent, (carrier, key, value) -> {
            if (TRACEPARENT.equals(key)) {
                carrier[0] = value;
            }
        });
        return traceparent[0];
    }

    /**
     * Starts a span that continues {@code traceparent}, or returns null when there is no trace to continue (an event
     * stored before tracing, a record from a producer that does not trace) or tracing is off. Nothing starts a new
     * trace here: work that nobody asked for in a traced request is not worth one.
     */
    public Span start(String traceparent, String name, Span.Kind kind) {
        if (traceparent == null || !enabled()) {
            return null;
        }
        return propagator.extract(traceparent, (carrier, key) -> TRACEPARENT.equals(key) ? carrier : null)
                .name(name).kind(kind).start();
    }

    /** Runs {@code work} in {@code span}'s scope (so its log lines carry the trace), then ends the span. */
    public <T> T inScope(Span span, Supplier<T> work) {
        if (span == null) {
            return work.get();
        }
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** Puts {@code span} in scope on this thread until the scope is closed; the caller ends the span. */
    public Tracer.SpanInScope scope(Span span) {
        return tracer.withSpan(span);
    }

    /** {@link #inScope(Span, Supplier)} for work without a result. */
    public void inScope(Span span, Runnable work) {
        inScope(span, () -> {
            work.run();
            return null;
        });
    }

    /** A span that is a child of the span in scope on this thread (or a new trace, as the sampler decides). */
    public Span child(String name) {
        return tracer.nextSpan().name(name).start();
    }
}
