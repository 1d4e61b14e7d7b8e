package com.cspchannel.events;

/** Kafka topic names: one per producing service, dead letters per consumer group. */
public final class Topics {

    public static final String PARTNERSHIPS = "csp.partnerships.events";
    public static final String CUSTOMERS = "csp.customers.events";
    public static final String SUBSCRIPTIONS = "csp.subscriptions.events";

    private Topics() {
    }

    /** Dead-letter topic of one consumer group on one topic: {@code <topic>.<consumer-group>.dlt}. */
    public static String deadLetter(String topic, String consumerGroup) {
        return topic + "." + consumerGroup + ".dlt";
    }
}
