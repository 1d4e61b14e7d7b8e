package com.cspchannel.platform.tracing;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

import java.util.Map;

/**
 * Writes the trace context into the metadata of every message created while a command (or event) is handled, so
 * every stored event names the span that caused it: the relay, which reads the event later on another thread,
 * continues that trace. The span in scope wins (the command's span, under the HTTP request's or a consumer's); a
 * handler without one passes on the traceparent of the message it handles.
 */
public class TraceContextCorrelation implements CorrelationDataProvider {

    private final EventTracing tracing;

    public TraceContextCorrelation(EventTracing tracing) {
        this.tracing = tracing;
    }

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        String traceparent = tracing.current();
        if (traceparent != null) {
            return Map.of(EventTracing.TRACEPARENT, traceparent);
        }
        Object handled = message.getMetaData().get(EventTracing.TRACEPARENT);
        return handled instanceof String carried ? Map.of(EventTracing.TRACEPARENT, carried) : Map.of();
    }
}
