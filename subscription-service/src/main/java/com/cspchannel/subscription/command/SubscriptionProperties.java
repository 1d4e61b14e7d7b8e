package com.cspchannel.subscription.command;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/** @param decreaseWindow how long after purchase licenses may be reduced (new commerce: 7 days) */
@ConfigurationProperties("csp.subscription")
public record SubscriptionProperties(@DefaultValue("7d") Duration decreaseWindow) {
}
