package com.cspchannel.subscription.config;

import com.cspchannel.subscription.command.SubscriptionProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration
@EnableConfigurationProperties(SubscriptionProperties.class)
public class SubscriptionConfiguration {

    /** The time source of command handlers; tests replace it. */
    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
