package com.cspchannel.platform.consumer;

import org.springframework.kafka.listener.MessageListenerContainer;

import java.util.List;

/** A consumer the platform runs: its lag, read about once a second, and a way to stop it. */
public final class RunningConsumer {

    private final String name;
    private final List<String> topics;
    private final MessageListenerContainer container;
    private final Runnable onStop;
    private volatile long lag = -1;

    RunningConsumer(String name, List<String> topics, MessageListenerContainer container, Runnable onStop) {
        this.name = name;
        this.topics = List.copyOf(topics);
        this.container = container;
        this.onStop = onStop;
    }

    public String name() {
        return name;
    }

    List<String> topics() {
        return topics;
    }

    /** Records the group still has to read (-1 while unknown): from its committed offsets, see {@link ConsumerLag}. */
    public long lag() {
        return lag;
    }

    /** Whether, at the last reading, the group had applied every record of its topics. */
    public boolean caughtUp() {
        return lag == 0;
    }

    void lag(long lag) {
        this.lag = lag;
    }

    /**
     * Holds the consumer back: it stops reading new records (those already read are applied) until
     * {@link #resume}. For operations (a copy to hold while its source is repaired) and for tests of what a
     * stale copy does.
     */
    public void pause() {
        container.pause();
    }

    public void resume() {
        container.resume();
    }

    /** Whether a {@link #pause} has taken effect: nothing more is read. */
    public boolean paused() {
        return container.isContainerPaused();
    }

    public void stop() {
        container.stop();
        onStop.run();
    }
}
