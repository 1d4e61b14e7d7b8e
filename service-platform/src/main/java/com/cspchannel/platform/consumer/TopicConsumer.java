package com.cspchannel.platform.consumer;

import java.util.List;

/**
 * One consumer of a service: the topics it reads and what it does with each event type. A bean of this type
 * is all a service writes; the platform runs it ({@link EventConsumers}) with exactly-once application per
 * event, bounded retries, the dead-letter topic and its lag metric.
 */
public interface TopicConsumer {

    /**
     * The consumer's one name: its Kafka consumer group, the name its applied event ids are recorded under,
     * and the middle of its dead-letter topics ({@code <topic>.<name>.dlt}).
     */
    String name();

    List<String> topics();

    EventHandlers handlers();

    /** A consumer from its parts, for consumers that are not a class of their own. */
    static TopicConsumer of(String name, List<String> topics, EventHandlers handlers) {
        return new TopicConsumer() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<String> topics() {
                return topics;
            }

            @Override
            public EventHandlers handlers() {
                return handlers;
            }
        };
    }
}
