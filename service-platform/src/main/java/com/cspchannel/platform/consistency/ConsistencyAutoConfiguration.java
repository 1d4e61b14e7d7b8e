package com.cspchannel.platform.consistency;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventBus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Optional;

/** Read-your-writes across services with {@link ConsistencyToken}s: see {@link ConsistencyGate}. */
@AutoConfiguration
@ConditionalOnWebApplication
@EnableConfigurationProperties(ConsistencyProperties.class)
public class ConsistencyAutoConfiguration {

    @Bean
    public WrittenEvents writtenEvents(ObjectProvider<EventBus> eventBus) {
        WrittenEvents written = new WrittenEvents();
        eventBus.ifAvailable(bus -> bus.registerDispatchInterceptor(written));
        return written;
    }

    @Bean
    public ConsistencyGate consistencyGate(JdbcTemplate jdbc, ObjectProvider<ReadCopies> copies,
                                           WrittenEvents written, ConsistencyProperties properties,
                                           ObjectProvider<MeterRegistry> meters) {
        return new ConsistencyGate(jdbc, copies.orderedStream().toList(), written, properties,
                Optional.ofNullable(meters.getIfAvailable()));
    }

    @Bean
    public ConsistencyTokenDocs consistencyTokenDocs() {
        return new ConsistencyTokenDocs();
    }

    @Bean
    public WebMvcConfigurer consistencyTokens(ConsistencyGate gate) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(gate).addPathPatterns("/api/**");
            }
        };
    }
}
