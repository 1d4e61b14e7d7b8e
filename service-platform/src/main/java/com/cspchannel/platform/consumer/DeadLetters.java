package com.cspchannel.platform.consumer;

import com.cspchannel.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.KafkaUtils;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where a record goes that a consumer cannot apply: {@code <topic>.<consumer group>.dlt}, with the original
 * headers, and the reason (the root cause's type and message, never a stack trace) in {@link #REASON_HEADER}.
 */
public class DeadLetters {

    public static final String REASON_HEADER = "csp_dlt_reason";
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final DeadLetterPublishingRecoverer recoverer;
    private final Optional<MeterRegistry> meters;

    public DeadLetters(KafkaOperations<?, ?> kafka, Optional<MeterRegistry> meters) {
        this.meters = meters;
        this.recoverer = new DeadLetterPublishingRecoverer(kafka,
                (record, exception) -> new TopicPartition(topicOf(record), -1));
        recoverer.excludeHeader(DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_STACKTRACE,
                DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_CAUSE);
        recoverer.setHeadersFunction((record, exception) -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add(new RecordHeader(REASON_HEADER, reason(exception).getBytes(StandardCharsets.UTF_8)));
            return headers;
        });
        // a dead letter that cannot be written must not be counted as handled: the record is retried
        recoverer.setFailIfSendResultIsError(true);
    }

    /** Sends the record to the dead-letter topic of the consumer group that was reading it. */
    public void send(ConsumerRecord<?, ?> record, Exception exception) {
        log.warn("Record {}-{}@{} cannot be applied, sent to {}: {}", record.topic(), record.partition(),
                record.offset(), topicOf(record), reason(exception));
        meters.ifPresent(registry -> Counter.builder("csp.consumer.dead.letters")
                .description("Records sent to a dead-letter topic")
                .tag("topic", record.topic())
                .register(registry).increment());
        recoverer.accept(record, exception);
    }

    /** The dead-letter topic of a record, for the consumer group of the thread that is reading it. */
    static String topicOf(ConsumerRecord<?, ?> record) {
        String group = KafkaUtils.getConsumerGroupId();
        return Topics.deadLetter(record.topic(), group == null ? "unknown-group" : group);
    }

    static String reason(Throwable exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
        return cause.getClass().getSimpleName() + message;
    }
}
