package com.cspchannel.platform.relay;

import org.axonframework.common.AxonThreadFactory;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The relay coordinator's scheduler, which shortens one fixed wait of Axon's pooled processor.
 *
 * <p>Axon 4.13's coordinator reads at most 1,024 events a round and hands every event to every work package, whose
 * queues hold 1,024 each. When a queue is full it does not wait to be told that one has room: it reschedules itself
 * after a fixed {@value #FULL_QUEUES_WAIT_MS} ms, with no setting to change it. Draining a backlog, that wait is most of
 * the relay's time: a JFR profile showed the coordinator parked for 95 waits of about 105 ms while 100,000 events
 * were relayed, capping the relay at about 10,000 events a second whatever the batch size or segment count
 * (docs/benchmarks.md). This scheduler runs that one delay as {@code fullQueuesWait} instead; the coordinator then
 * only checks whether a work package has room again, which costs nothing worth counting. Every other delay (the
 * claim interval, error back-offs) is Axon's own. The delay is recognised by its value, so an Axon upgrade that changes
 * it only brings the old behaviour back, and {@code RelayCoordinatorSchedulerTest} pins the value read from Axon.
 */
class RelayCoordinatorScheduler extends ScheduledThreadPoolExecutor {

    /** The coordinator's fixed wait when every work package's queue is full (Axon 4.13 {@code Coordinator}). */
    static final long FULL_QUEUES_WAIT_MS = 100;

    private final long fullQueuesWaitNanos;

    RelayCoordinatorScheduler(String processorName, Duration fullQueuesWait) {
        super(1, new AxonThreadFactory("Coordinator[" + processorName + "]"));
        this.fullQueuesWaitNanos = fullQueuesWait.toNanos();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return super.schedule(command, delayOf(delay, unit), TimeUnit.NANOSECONDS);
    }

    /** The delay the coordinator asked for, with the full-queues wait shortened. */
    long delayOf(long delay, TimeUnit unit) {
        long nanos = unit.toNanos(delay);
        return nanos == TimeUnit.MILLISECONDS.toNanos(FULL_QUEUES_WAIT_MS) ? fullQueuesWaitNanos : nanos;
    }
}
