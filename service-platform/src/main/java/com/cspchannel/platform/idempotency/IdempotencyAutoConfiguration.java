package com.cspchannel.platform.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/** Idempotent retries: the store of client request ids, and the {@link ClientRequest} controller parameter. */
@AutoConfiguration
public class IdempotencyAutoConfiguration {

    static {
        // the parameter is documented as its two headers by ClientRequestArgumentResolver, not as a query object
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(ClientRequest.class);
    }

    @Bean
    @ConditionalOnMissingBean
    public IdempotentRequests idempotentRequests(JdbcTemplate jdbc, ObjectMapper json) {
        return new IdempotentRequests(jdbc, json);
    }

    @Bean
    @ConditionalOnWebApplication
    public ClientRequestArgumentResolver clientRequestArgumentResolver() {
        return new ClientRequestArgumentResolver();
    }

    @Bean
    @ConditionalOnWebApplication
    public WebMvcConfigurer clientRequestParameter(ClientRequestArgumentResolver resolver) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(resolver);
            }
        };
    }
}
