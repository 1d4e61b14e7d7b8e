package com.cspchannel.platform.axon;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of the JDBC event store.
 *
 * @param fetchSize    events read per query by tracking processors (Axon's default is 100)
 * @param gapTimeoutMs how long a gap in the global index may stay open before readers skip it; write
 *                     transactions must stay well below this
 */
@ConfigurationProperties("csp.event-store")
public record EventStoreProperties(@DefaultValue("1000") int fetchSize, @DefaultValue("60000") int gapTimeoutMs) {
}
