package com.cspchannel.platform.relay;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.common.transaction.NoTransactionManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay drains a backlog at its work packages' pace only if the coordinator's wait for room in their queues is
 * the one {@link RelayCoordinatorScheduler} shortens: these tests pin Axon's value, so an upgrade that changes it fails
 * here rather than silently bringing back a relay capped at about 10,000 events a second.
 */
class RelayCoordinatorSchedulerTest {

    @Test
    void shortensOnlyTheFullQueuesWait() {
        RelayCoordinatorScheduler scheduler = new RelayCoordinatorScheduler("relay", Duration.ofMillis(5));
        try {
            assertThat(scheduler.delayOf(100, TimeUnit.MILLISECONDS)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(5));
            // the claim interval, error back-offs and immediate runs stay Axon's
            assertThat(scheduler.delayOf(1000, TimeUnit.MILLISECONDS)).isEqualTo(TimeUnit.SECONDS.toNanos(1));
            assertThat(scheduler.delayOf(500, TimeUnit.MILLISECONDS)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
            assertThat(scheduler.delayOf(0, TimeUnit.MILLISECONDS)).isZero();
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void axonsCoordinatorWaitsTheFullQueuesWaitWhenItsWorkPackagesAreFull() {
        EmbeddedEventStore store = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine()).build();
        // more than a work package's queue holds (1,024), so the coordinator finds the queues full
        List<EventMessage<?>> backlog = IntStream.range(0, 3000)
                .<EventMessage<?>>mapToObj(i -> GenericEventMessage.asEventMessage("event " + i)).toList();
        store.publish(backlog);

        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        Queue<Long> requested = new ConcurrentLinkedQueue<>();
        RelayCoordinatorScheduler recording = new RelayCoordinatorScheduler("relay", Duration.ofMillis(5)) {
            @Override
            public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
                requested.add(unit.toMillis(delay));
                return super.schedule(command, delay, unit);
            }
        };
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name("relay")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(
                        (org.axonframework.eventhandling.EventMessageHandler) event -> {
                            release.await(); // a slow broker: the work package stays busy, its queue fills
                            handled.incrementAndGet();
                            return null;
                        }).build())
                .messageSource(store)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                .coordinatorExecutor(recording)
                .workerExecutor(java.util.concurrent.Executors.newScheduledThreadPool(1))
                .initialSegmentCount(1)
                .batchSize(100)
                .build();
        processor.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> requested.contains(
                    RelayCoordinatorScheduler.FULL_QUEUES_WAIT_MS));
            release.countDown();
            // and with the shortened wait every event of the backlog is still handled
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.get() == backlog.size());
        } finally {
            release.countDown();
            processor.shutDown();
            recording.shutdownNow();
        }
    }
}
