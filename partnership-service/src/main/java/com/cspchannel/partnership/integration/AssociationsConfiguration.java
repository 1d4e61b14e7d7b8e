package com.cspchannel.partnership.integration;

import com.cspchannel.platform.consumer.EventConsumers;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reseller associations view. {@code --rebuild-associations} on the command line starts a rebuild at
 * startup (as the Operator endpoint does).
 */
@Configuration
@ConditionalOnProperty(prefix = "csp.associations", name = "enabled", havingValue = "true", matchIfMissing = true)
public class AssociationsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AssociationsConfiguration.class);

    @Bean
    public AssociationWriter associationWriter(JdbcTemplate jdbc) {
        return new AssociationWriter(jdbc);
    }

    @Bean
    public AssociationView associationView(JdbcTemplate jdbc, TransactionTemplate transactions,
                                           EventConsumers consumers, AssociationWriter writer, MeterRegistry meters) {
        return new AssociationView(jdbc, transactions, consumers, writer, meters);
    }

    @Bean
    public AssociationQueries associationQueries(JdbcTemplate jdbc, AssociationView view) {
        return new AssociationQueries(jdbc, view);
    }

    @Bean
    public ApplicationRunner rebuildAssociationsOnRequest(AssociationView view) {
        return args -> {
            if (args.containsOption("rebuild-associations")) {
                log.info("--rebuild-associations: {}", view.startRebuild());
            }
        };
    }
}
