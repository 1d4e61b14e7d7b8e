package com.cspchannel.platform.idempotency;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/** Idempotent retries: the store of client request ids. */
@AutoConfiguration
public class IdempotencyAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public IdempotentRequests idempotentRequests(JdbcTemplate jdbc) {
        return new IdempotentRequests(jdbc);
    }
}
