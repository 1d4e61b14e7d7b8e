package com.cspchannel.events;

import java.util.Map;
import java.util.Optional;

/** Kafka topic names: one per producing service, dead letters per consumer group. */
public final class Topics {

    public static final String PARTNERSHIPS = "csp.partnerships.events";
    public static final String CUSTOMERS = "csp.customers.events";
    public static final String SUBSCRIPTIONS = "csp.subscriptions.events";

    /** The one service that publishes each topic (its {@code spring.application.name}). */
    private static final Map<String, String> PRODUCERS = Map.of(
            PARTNERSHIPS, "partnership-service",
            CUSTOMERS, "customer-service",
            SUBSCRIPTIONS, "subscription-service");

    private Topics() {
    }

    /** Dead-letter topic of one consumer group on one topic: {@code <topic>.<consumer-group>.dlt}. */
    public static String deadLetter(String topic, String consumerGroup) {
        return topic + "." + consumerGroup + ".dlt";
    }

    /** The service that publishes {@code topic}. */
    public static String producer(String topic) {
        String producer = PRODUCERS.get(topic);
        if (producer == null) {
            throw new IllegalArgumentException("not a topic of the catalogue: " + topic);
        }
        return producer;
    }

    /** The topic {@code service} publishes, if it publishes one. */
    public static Optional<String> publishedBy(String service) {
        return PRODUCERS.entrySet().stream().filter(entry -> entry.getValue().equals(service))
                .map(Map.Entry::getKey).findFirst();
    }
}
