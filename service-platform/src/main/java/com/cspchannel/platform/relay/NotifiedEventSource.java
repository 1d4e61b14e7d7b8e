package com.cspchannel.platform.relay;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The relay's source of events: the event store's storage engine, read when {@link EventStoreNotifications}
 * says that events were committed, and otherwise polled every {@code poll}.
 * <p>
 * Why not the event store itself: Axon's embedded event store offers its streams no availability callback, so the
 * pooled processor's coordinator polls it every 500 ms, and the store's own reader, woken when the unit of work
 * commits, finds nothing when the database transaction commits later (every write here runs in a transaction that
 * also records its idempotency key), so it waits its 1 s fetch delay. Measured on the local stack: an event reached
 * Kafka 0.3 to 1.6 s after it was written (see docs/benchmarks.md). This source supports the callback and is woken
 * by PostgreSQL after the commit, by whichever replica made it.
 * <p>
 * What it reads, and the tokens, are the storage engine's own: gap-aware tokens, so that an event of a long or
 * rolled-back transaction that holds a lower global index is still read when it commits (or never, when it rolls
 * back), in the same order as through the event store.
 */
public class NotifiedEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final EventStore eventStore;
    private final EventStorageEngine storage;
    private final EventStoreNotifications notifications;
    private final Duration poll;

    public NotifiedEventSource(EventStore eventStore, EventStorageEngine storage,
                               EventStoreNotifications notifications, Duration poll) {
        this.eventStore = eventStore;
        this.storage = storage;
        this.notifications = notifications;
        this.poll = poll;
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new Tail(trackingToken);
    }

    @Override
    public TrackingToken createTailToken() {
        return eventStore.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return eventStore.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return eventStore.createTokenAt(dateTime);
    }

    /** One reader's stream: reads a batch from its last token when told of a commit or when the poll is due. */
    private final class Tail implements TrackingEventStream {

        private final Object wakeUp = new Object();
        private final AutoCloseable subscription;
        private volatile boolean committed = true;
        private volatile Runnable onAvailable;
        private TrackingToken lastToken;
        private Stream<? extends TrackedEventMessage<?>> reading;
        private Iterator<? extends TrackedEventMessage<?>> events;
        private TrackedEventMessage<?> peeked;
        private long lastRead;

        private Tail(TrackingToken from) {
            this.lastToken = from;
            this.subscription = notifications.subscribe(this::committed);
        }

        private void committed() {
            committed = true;
            synchronized (wakeUp) {
                wakeUp.notifyAll();
            }
            Runnable callback = onAvailable;
            if (callback != null) {
                callback.run();
            }
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return hasNextAvailable() ? Optional.of(peeked) : Optional.empty();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (true) {
                if (peeked != null) {
                    return true;
                }
                if (events != null) {
                    if (events.hasNext()) {
                        peeked = events.next();
                        lastToken = peeked.trackingToken();
                        return true;
                    }
                    closeReading();
                }
                long now = System.nanoTime();
                if (committed || now - lastRead >= poll.toNanos()) {
                    // cleared before reading: a commit announced while this batch is read is read next time
                    committed = false;
                    lastRead = now;
                    reading = storage.readEvents(lastToken, false);
                    events = reading.iterator();
                    continue;
                }
                long remaining = deadline - now;
                if (remaining <= 0) {
                    return false;
                }
                synchronized (wakeUp) {
                    if (!committed) {
                        TimeUnit.NANOSECONDS.timedWait(wakeUp, Math.min(remaining, poll.toNanos()));
                    }
                }
            }
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(1, TimeUnit.SECONDS)) {
                // blocks until there is an event, as the contract says
            }
            TrackedEventMessage<?> next = peeked;
            peeked = null;
            return next;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.onAvailable = callback;
            return true;
        }

        @Override
        public void close() {
            try {
                subscription.close();
            } catch (Exception e) {
                // removing a listener from a set does not fail
            }
            closeReading();
        }

        private void closeReading() {
            if (reading != null) {
                reading.close();
            }
            reading = null;
            events = null;
        }
    }
}
