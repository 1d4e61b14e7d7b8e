package com.cspchannel.platform.consumer;

import java.util.List;

/**
 * One consumer of a service: the topics it reads and what it does with each event type. A bean of this type
 * is all a service writes; the platform runs it ({@link EventConsumers}) with exactly-once application per
 * event, bounded retries, the dead-letter topic and its lag metric.
 */
public abstract class TopicConsumer {

    private final String name;
    private final List<String> topics;

    /**
     * @param name the consumer's one name: its Kafka consumer group, the name its applied event ids are recorded
     *             under, and the middle of its dead-letter topics ({@code <topic>.<name>.dlt})
     */
    protected TopicConsumer(String name, List<String> topics) {
        this.name = name;
        this.topics = List.copyOf(topics);
    }

    public final String name() {
        return name;
    }

    public final List<String> topics() {
        return topics;
    }

    /** What the consumer does with each event type it handles; other types are skipped. */
    public abstract EventHandlers handlers();
}
