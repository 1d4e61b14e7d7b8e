package com.cspchannel.partnerdirectory;

import com.cspchannel.platform.consumer.EventConsumer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The partner view for a service that depends on this module: its tables come with the module's Flyway
 * migration ({@code db/migration/V50__partner_view.sql}), the listener runs in consumer group
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
    @ConditionalOnBean(EventConsumer.class)
    public PartnerViewListener partnerViewListener(EventConsumer consumer, JdbcTemplate jdbc, Environment environment) {
        return new PartnerViewListener(consumer, jdbc,
                environment.getProperty("spring.application.name", "service") + ".partner-view");
    }
}
