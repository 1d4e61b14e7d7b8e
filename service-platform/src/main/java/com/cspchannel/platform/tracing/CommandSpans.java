package com.cspchannel.platform.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * A span around the handling of each command ({@code command AcceptPartnership}), a child of the span that sent it
 * (the HTTP request's, or a consumer's). The events the handler applies carry this span's context
 * ({@link TraceContextCorrelation}); the events are appended when the unit of work commits, after the span ends.
 */
public class CommandSpans implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final EventTracing tracing;

    public CommandSpans(EventTracing tracing) {
        this.tracing = tracing;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (!tracing.enabled()) {
            return chain.proceed();
        }
        Span span = tracing.child("command " + unitOfWork.getMessage().getPayloadType().getSimpleName());
        try (Tracer.SpanInScope scope = tracing.scope(span)) {
            return chain.proceed();
        } catch (Exception e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
