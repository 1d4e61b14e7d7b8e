package com.cspchannel.platform.consumer;

import com.cspchannel.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

import java.nio.charset.StandardCharsets;

/**
 * Idempotent consumers and their error handling: bounded retries with exponential backoff, then the
 * record goes to {@code <topic>.<consumer-group>.dlt} with the reason in its headers (no stack trace) and
 * the partition moves on. Records that can never succeed (not a CloudEvent, invalid JSON) skip the retries.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(ConsumerProperties.class)
public class ConsumerAutoConfiguration {

    public static final String REASON_HEADER = "csp_dlt_reason";
    private static final Logger log = LoggerFactory.getLogger(ConsumerAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    public EventConsumer eventConsumer(JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new EventConsumer(jdbc, transactions);
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    public DefaultErrorHandler kafkaErrorHandler(KafkaOperations<Object, Object> kafka, ConsumerProperties properties,
                                                 ObjectProvider<MeterRegistry> meters) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
                (record, exception) -> new TopicPartition(deadLetterTopic(record), -1));
        recoverer.excludeHeader(DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_STACKTRACE,
                DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_CAUSE);
        recoverer.setHeadersFunction((record, exception) -> {
            var headers = new org.apache.kafka.common.header.internals.RecordHeaders();
            headers.add(new RecordHeader(REASON_HEADER, reason(exception).getBytes(StandardCharsets.UTF_8)));
            return headers;
        });
        ExponentialBackOff backOff = new ExponentialBackOff(properties.initialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(properties.maxInterval().toMillis());
        backOff.setMaxAttempts(properties.retries());
        DefaultErrorHandler handler = new DefaultErrorHandler((record, exception) -> {
            log.warn("Record {}-{}@{} failed after retries, sent to {}: {}", record.topic(), record.partition(),
                    record.offset(), deadLetterTopic(record), reason(exception));
            meters.ifAvailable(registry -> Counter.builder("csp.consumer.dead.letters")
                    .description("Records sent to a dead-letter topic")
                    .tag("topic", record.topic())
                    .register(registry).increment());
            recoverer.accept(record, exception);
        }, backOff);
        handler.addNotRetryableExceptions(IllegalArgumentException.class, DeserializationException.class);
        return handler;
    }

    static String deadLetterTopic(ConsumerRecord<?, ?> record) {
        String group = KafkaUtils.getConsumerGroupId();
        return Topics.deadLetter(record.topic(), group == null ? "unknown-group" : group);
    }

    private static String reason(Exception exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
        return cause.getClass().getSimpleName() + message;
    }
}
