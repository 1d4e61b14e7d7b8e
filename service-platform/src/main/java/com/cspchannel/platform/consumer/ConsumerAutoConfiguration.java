package com.cspchannel.platform.consumer;

import com.cspchannel.platform.database.DatabaseAway;
import com.cspchannel.platform.tracing.EventTracing;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.function.SingletonSupplier;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;


/**
 * The platform's consumers: {@link EventConsumers} runs every {@link TopicConsumer} bean with exactly-once
 * application ({@link EventConsumer}), bounded retries with exponential backoff, then the record goes to
 * {@code <topic>.<consumer-group>.dlt} with the reason in its headers ({@link DeadLetters}) and the partition moves
 * on. Records that can never succeed (not a CloudEvent, invalid JSON) skip the retries; a record that failed
 * because the database is away ({@link DatabaseAway}) is retried until it is back.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(ConsumerProperties.class)
public class ConsumerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public EventConsumer eventConsumer(JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new EventConsumer(jdbc, transactions);
    }

    @Bean
    @ConditionalOnMissingBean
    public DeadLetters deadLetters(KafkaOperations<Object, Object> kafka, ObjectProvider<MeterRegistry> meters) {
        return new DeadLetters(kafka, Optional.ofNullable(meters.getIfAvailable()));
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    public DefaultErrorHandler kafkaErrorHandler(DeadLetters deadLetters, ConsumerProperties properties) {
        ExponentialBackOff backOff = new ExponentialBackOff(properties.initialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(properties.maxInterval().toMillis());
        backOff.setMaxAttempts(properties.retries());
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters::send, backOff);
        handler.addNotRetryableExceptions(IllegalArgumentException.class, DeserializationException.class);
        // a database that is away is no fault of the record: retried until it is back, never dead-lettered
        ExponentialBackOff untilBack = new ExponentialBackOff(properties.initialInterval().toMillis(), 2.0);
        untilBack.setMaxInterval(properties.maxInterval().toMillis());
        handler.setBackOffFunction((record, failure) -> DatabaseAway.causedBy(failure) ? untilBack : null);
        return handler;
    }

    @Bean
    public EventConsumers eventConsumers(ConcurrentKafkaListenerContainerFactory<?, ?> kafkaListenerContainerFactory,
                                         EventConsumer events, DeadLetters deadLetters, KafkaProperties kafka,
                                         ObjectProvider<TopicConsumer> consumers,
                                         ObjectProvider<MeterRegistry> meters, ConsumerProperties properties,
                                         ObjectProvider<EventTracing> tracing) {
        Admin admin = Admin.create(kafka.buildAdminProperties(null));
        // asked once, when the first consumer starts
        Supplier<Duration> sessionTimeout = SingletonSupplier.of(
                () -> SessionTimeout.resolve(admin, properties.sessionTimeout()));
        return new EventConsumers(kafkaListenerContainerFactory, events, deadLetters, new ConsumerLag(admin),
                consumers.orderedStream().toList(), Optional.ofNullable(meters.getIfAvailable()), sessionTimeout,
                tracing.getIfAvailable(() -> EventTracing.OFF));
    }
}
