package com.cspchannel.subscription.config;

import com.cspchannel.subscription.command.SubscriptionProperties;
import org.openapitools.jackson.nullable.JsonNullableModule;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
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

    /** The moves of a reassignment job keep its id in the metadata of every event they apply (event store). */
    @Bean
    public CorrelationDataProvider reassignmentJobCorrelation() {
        return new SimpleCorrelationDataProvider(
                com.cspchannel.subscription.command.SubscriptionReassignment.JOB_ID);
    }
}
