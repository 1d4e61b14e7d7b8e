package com.cspchannel.partnerdirectory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The partner view for a service that depends on this module: its tables come with the module's Flyway
 * migration ({@code db/migration/V50__partner_view.sql}), the listener is the consumer (and consumer group)
 * {@code <spring.application.name>.partner-view}.
 */
@AutoConfiguration(afterName = "com.cspchannel.platform.consumer.ConsumerAutoConfiguration")
public class PartnerViewAutoConfiguration {

    @Bean
    public PartnerFacts partnerFacts(JdbcTemplate jdbc) {
        return new PartnerFacts(jdbc);
    }

    @Bean
    public OrderLineRules orderLineRules(PartnerFacts partners) {
        return new OrderLineRules(partners);
    }

    @Bean
    public PartnerViewListener partnerViewListener(JdbcTemplate jdbc, Environment environment) {
        return new PartnerViewListener(jdbc,
                environment.getProperty("spring.application.name", "service") + ".partner-view");
    }
}
