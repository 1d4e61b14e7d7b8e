package com.cspchannel.platform.consumer;

import com.cspchannel.events.PublicEvent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What a consumer does with each event type: one handler per type, looked up by the event's class. Events of
 * a type without a handler are ignored (a topic carries more types than any one consumer needs).
 */
public final class EventHandlers {

    private final Map<Class<? extends PublicEvent>, BiConsumer<PublicEvent, ReceivedEvent>> handlers;

    private EventHandlers(Map<Class<? extends PublicEvent>, BiConsumer<PublicEvent, ReceivedEvent>> handlers) {
        this.handlers = Map.copyOf(handlers);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs the handler of the event's type, if there is one. */
    public void handle(ReceivedEvent received) {
        BiConsumer<PublicEvent, ReceivedEvent> handler = handlers.get(received.event().getClass());
        if (handler != null) {
            handler.accept(received.event(), received);
        }
    }

    /** The event types this consumer handles. */
    public Set<Class<? extends PublicEvent>> types() {
        return handlers.keySet();
    }

    public static final class Builder {

        private final Map<Class<? extends PublicEvent>, BiConsumer<PublicEvent, ReceivedEvent>> handlers =
                new LinkedHashMap<>();

        private Builder() {
        }

        public <E extends PublicEvent> Builder on(Class<E> type, Consumer<E> handler) {
            return on(type, (event, received) -> handler.accept(event));
        }

        /** A handler that also needs the CloudEvents attributes or where the event was read. */
        public <E extends PublicEvent> Builder on(Class<E> type, BiConsumer<E, ReceivedEvent> handler) {
            if (handlers.putIfAbsent(type, (event, received) -> handler.accept(type.cast(event), received)) != null) {
                throw new IllegalArgumentException("a second handler for " + type.getSimpleName());
            }
            return this;
        }

        /** The same handler for every event type of {@code types}, for events that are handled alike. */
        @SafeVarargs
        public final Builder onAny(Consumer<ReceivedEvent> handler, Class<? extends PublicEvent>... types) {
            for (Class<? extends PublicEvent> type : types) {
                on(type, (event, received) -> handler.accept(received));
            }
            return this;
        }

        public EventHandlers build() {
            return new EventHandlers(handlers);
        }
    }
}
