package com.cspchannel.platform.relay;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The Kafka relay.
 *
 * @param enabled    publish this service's public events (on by default)
 * @param source     the CloudEvents {@code source} (defaults to {@code spring.application.name})
 * @param ackTimeout how long a batch waits for the broker's acknowledgements; it must exceed Kafka's
 *                   {@code delivery.timeout.ms} and stay below Axon's event-processor transaction timeout
 * @param poll       how often the relay looks for new events when no commit was announced (PostgreSQL announces
 *                   every commit, so this only matters while the announcing connection is down)
 * @param fullQueuesWait how long the relay's coordinator waits before it looks again for room in its work packages'
 *                   queues when all were full (Axon's fixed 100 ms caps a backlog's drain at about 10,000 events
 *                   a second; see {@link RelayCoordinatorScheduler})
 */
@ConfigurationProperties("csp.relay")
public record RelayProperties(@DefaultValue("true") boolean enabled,
                              String source,
                              @DefaultValue("20s") Duration ackTimeout,
                              @DefaultValue("5s") Duration poll,
                              @DefaultValue("5ms") Duration fullQueuesWait) {
}
