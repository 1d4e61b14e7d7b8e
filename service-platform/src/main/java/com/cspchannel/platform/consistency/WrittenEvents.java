package com.cspchannel.platform.consistency;

import com.cspchannel.events.EventCatalog;
import com.cspchannel.events.PublicEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Notes the public events an HTTP request publishes (they go to Kafka), the last one per aggregate, so that its
 * answer's {@link ConsistencyToken} names them. Only on a request's thread, between {@link #begin} and
 * {@link #end}: events a consumer's command publishes belong to no answer.
 */
public class WrittenEvents implements MessageDispatchInterceptor<EventMessage<?>> {

    private static final ThreadLocal<Map<String, ConsistencyToken.Entry>> WRITTEN = new ThreadLocal<>();

    void begin() {
        WRITTEN.set(new LinkedHashMap<>());
    }

    /** The events noted since {@link #begin}, oldest first. */
    List<ConsistencyToken.Entry> written() {
        Map<String, ConsistencyToken.Entry> written = WRITTEN.get();
        return written == null ? List.of() : new ArrayList<>(written.values());
    }

    void end() {
        WRITTEN.remove();
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, message) -> {
            Map<String, ConsistencyToken.Entry> written = WRITTEN.get();
            if (written != null && message.getPayload() instanceof PublicEvent event) {
                String aggregate = message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier()
                        : event.eventId().toString();
                written.remove(aggregate);
                written.put(aggregate, new ConsistencyToken.Entry(EventCatalog.topicOf(EventCatalog.of(event)),
                        event.eventId()));
            }
            return message;
        };
    }
}
