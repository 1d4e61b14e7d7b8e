package com.cspchannel.partnership.integration;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;

/**
 * Reports by reseller and what a reseller's ineligibility touches: both read the associations view, so they run
 * where it runs. {@code csp.partnership.ineligibility.settle} and {@code .max-wait} tune when a pending trigger
 * is reported (see {@link IneligibilityReporter}).
 */
@Configuration
@ConditionalOnProperty(prefix = "csp.associations", name = "enabled", havingValue = "true", matchIfMissing = true)
public class IneligibilityConfiguration {

    @Bean
    public SubscriptionReport subscriptionReport(JdbcTemplate jdbc, TransactionTemplate transactions,
                                                 AssociationView view) {
        return new SubscriptionReport(jdbc, transactions, view);
    }

    @Bean
    public IneligibilityQueries ineligibilityQueries(JdbcTemplate jdbc, AssociationView view) {
        return new IneligibilityQueries(jdbc, view);
    }

    @Bean
    public IneligibilityTriggers ineligibilityTriggers(JdbcTemplate jdbc, EventStore events) {
        return new IneligibilityTriggers(jdbc, events);
    }

    @Bean
    public IneligibilityReporter ineligibilityReporter(
            JdbcTemplate jdbc, TransactionTemplate transactions, AssociationView view, IneligibilityQueries queries,
            CommandGateway commands,
            @Value("${csp.partnership.ineligibility.settle:2s}") Duration settle,
            @Value("${csp.partnership.ineligibility.max-wait:30s}") Duration maxWait) {
        return new IneligibilityReporter(jdbc, transactions, view, queries, commands, settle, maxWait);
    }
}
