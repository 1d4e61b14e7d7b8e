package com.cspchannel.subscription.config;

import com.cspchannel.subscription.command.SubscriptionProperties;
import org.openapitools.jackson.nullable.JsonNullableModule;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service's settings, bound from {@code csp.*} properties. */
@Configuration
@EnableConfigurationProperties(SubscriptionProperties.class)
public class SubscriptionConfiguration {

    /** Reads {@code JsonNullable} fields of merge-patch bodies (absent, null or a value). */
    @Bean
    public JsonNullableModule jsonNullableModule() {
        return new JsonNullableModule();
    }
}
