package com.cspchannel.platform.asyncapi;

import com.cspchannel.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * {@code GET /v3/asyncapi}: the AsyncAPI document of the topic a service publishes ({@link AsyncApiController}).
 * Like the relay, it is there when the service publishes: its relay is on ({@code csp.relay.enabled}) and the
 * catalogue names it, by {@code spring.application.name}, as the producer of a topic ({@link Topics#publishedBy});
 * a service that only consumes (notification-service) serves none.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "csp.relay", name = "enabled", havingValue = "true", matchIfMissing = true)
public class AsyncApiAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AsyncApiAutoConfiguration.class);

    @Bean
    @Conditional(PublishesATopic.class)
    public AsyncApiController asyncApiController(Environment environment) {
        String topic = topicOf(environment);
        log.info("Serving the AsyncAPI document of {} at {}", topic, AsyncApiController.PATH);
        return new AsyncApiController(topic);
    }

    static String topicOf(Environment environment) {
        String service = environment.getProperty("spring.application.name");
        return Topics.publishedBy(service).orElseThrow(() ->
                new IllegalStateException(service + " publishes no topic of the catalogue"));
    }

    /** The service, by its {@code spring.application.name}, is the producer of a topic of the catalogue. */
    static final class PublishesATopic implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Topics.publishedBy(context.getEnvironment().getProperty("spring.application.name")).isPresent();
        }
    }
}
