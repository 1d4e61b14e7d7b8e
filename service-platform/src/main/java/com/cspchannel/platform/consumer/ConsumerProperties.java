package com.cspchannel.platform.consumer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Retries of a Kafka record whose processing failed, before it goes to the dead-letter topic
 * {@code <topic>.<consumer-group>.dlt}, and how soon a dead consumer's partitions are reassigned.
 *
 * @param retries         attempts after the first
 * @param initialInterval the first backoff, doubled per attempt up to {@code maxInterval}
 * @param sessionTimeout  the consumer group session timeout wanted: a killed replica's partitions move to a
 *                        survivor after it. The brokers' {@code group.min.session.timeout.ms} is used instead when
 *                        it is longer ({@link SessionTimeout})
 */
@ConfigurationProperties("csp.consumer")
public record ConsumerProperties(@DefaultValue("4") int retries,
                                 @DefaultValue("500ms") Duration initialInterval,
                                 @DefaultValue("5s") Duration maxInterval,
                                 @DefaultValue("3s") Duration sessionTimeout) {
}
