package com.cspchannel.platform.consistency;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param maxWait how long a request sent with a {@link ConsistencyToken} waits for this service's copies to
 *                apply the token's events; past it the answer is 503 {@code consistency-timeout}
 * @param poll    how often the copies are looked at while a request waits
 */
@ConfigurationProperties("csp.consistency")
public record ConsistencyProperties(@DefaultValue("2s") Duration maxWait, @DefaultValue("10ms") Duration poll) {
}
