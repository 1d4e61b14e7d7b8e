package com.cspchannel.platform.consumer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Retries of a Kafka record whose processing failed, before it goes to the dead-letter topic
 * {@code <topic>.<consumer-group>.dlt}.
 *
 * @param retries         attempts after the first
 * @param initialInterval the first backoff, doubled per attempt up to {@code maxInterval}
 */
@ConfigurationProperties("csp.consumer")
public record ConsumerProperties(@DefaultValue("4") int retries,
                                 @DefaultValue("500ms") Duration initialInterval,
                                 @DefaultValue("5s") Duration maxInterval) {
}
