package com.cspchannel.platform.relay;

import com.cspchannel.events.CloudEventHeaders;
import com.cspchannel.events.EventCatalog;
import com.cspchannel.events.EventCodec;
import com.cspchannel.events.EventType;
import com.cspchannel.events.PublicEvent;
import com.cspchannel.platform.tracing.EventTracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes every public event of this service's event store to Kafka. The event store is the outbox: this
 * handler runs in a streaming processor ({@value #PROCESSING_GROUP}) that reads the store in order. For a
 * batch it sends every record asynchronously, then, before the unit of work commits (and with it the
 * processor's token), waits until the broker acknowledged all of them. If any send fails the batch rolls
 * back, the token stays where it was and the processor retries the batch with backoff: at least once, never
 * lost, in order per aggregate (the record key is the aggregate id). Consumers de-duplicate by event id.
 *
 * <p>An event appended in a traced request names its span in its metadata ({@code traceparent}); the relay publishes
 * it in a producer span that continues that trace and puts this span's {@code traceparent} on the record, so that
 * the consumers' spans join the same trace. It ends when the broker acknowledged the record.
 *
 * <p>An event recorded by a command of a bulk reassignment job has the job's id in its metadata
 * ({@value #REASSIGNMENT_JOB_ID}); the relay publishes it as the CloudEvents extension attribute
 * {@code reassignmentjobid}, since on Kafka the job's moves are otherwise ordinary events of each change.
 */
@ProcessingGroup(KafkaRelay.PROCESSING_GROUP)
public class KafkaRelay implements org.springframework.beans.factory.DisposableBean {

    public static final String PROCESSING_GROUP = "kafka-relay";
    /**
     * The metadata key under which a reassignment job's commands record the job id with every event they apply
     * (customer- and subscription-service's correlation data).
     */
    public static final String REASSIGNMENT_JOB_ID = "reassignmentJobId";
    private static final Logger log = LoggerFactory.getLogger(KafkaRelay.class);
    private static final String PENDING = KafkaRelay.class.getName() + ".pending";

    private final KafkaTemplate<String, byte[]> kafka;
    private final String source;
    private final Duration ackTimeout;
    private final MeterRegistry meters;
    private final Map<String, Counter> published = new ConcurrentHashMap<>();
    private final Counter failedBatches;
    private final EventTracing tracing;

    public KafkaRelay(KafkaTemplate<String, byte[]> kafka, String source, Duration ackTimeout, MeterRegistry meters) {
        this(kafka, source, ackTimeout, meters, EventTracing.OFF);
    }

    public KafkaRelay(KafkaTemplate<String, byte[]> kafka, String source, Duration ackTimeout, MeterRegistry meters,
                      EventTracing tracing) {
        this.tracing = tracing;
        this.kafka = kafka;
        this.source = source;
        this.ackTimeout = ackTimeout;
        this.meters = meters;
        this.failedBatches = Counter.builder("csp.relay.batches.failed")
                .description("Batches the broker did not acknowledge in time; each is rolled back and retried")
                .register(meters);
    }

    @EventHandler
    public void on(PublicEvent event, EventMessage<?> message, UnitOfWork<?> unitOfWork) {
        EventType type = EventCatalog.of(event);
        String topic = EventCatalog.topicOf(type);
        String key = message instanceof DomainEventMessage<?> domain
                ? domain.getAggregateIdentifier()
                : event.eventId().toString();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, event.occurredAt().toEpochMilli(),
                key, EventCodec.encode(event));
        MetaData metaData = message.getMetaData();
        Object jobId = metaData.get(REASSIGNMENT_JOB_ID);
        CloudEventHeaders.of(event, source, key).withReassignmentJobId(jobId == null ? null : jobId.toString())
                .toKafkaHeaders().forEach((name, value) -> record.headers().add(new RecordHeader(name, value)));
        Span span = null;
        if (metaData.get(EventTracing.TRACEPARENT) instanceof String stored) {
            // the request's trace continues in a span of this publication, and the consumers continue that one
            span = tracing.start(stored, "publish " + topic, Span.Kind.PRODUCER);
            String traceparent = span == null ? stored : tracing.traceparentOf(span.context());
            record.headers().add(EventTracing.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        }
        CompletableFuture<?> sent = kafka.send(record).thenRun(() -> counter(topic).increment());
        if (span != null) {
            Span publication = span.tag("messaging.system", "kafka").tag("messaging.destination.name", topic)
                    .tag("messaging.message.id", event.eventId().toString());
            sent = sent.whenComplete((ok, failure) -> {
                if (failure != null) {
                    publication.error(failure);
                }
                publication.end();
            });
        }
        pendingSends(unitOfWork).add(sent);
    }

    /** The sends of this batch; the first call of a batch registers the wait for all of them. */
    private List<CompletableFuture<?>> pendingSends(UnitOfWork<?> unitOfWork) {
        UnitOfWork<?> root = unitOfWork.root();
        return root.getOrComputeResource(PENDING, k -> {
            List<CompletableFuture<?>> pending = new ArrayList<>();
            root.onPrepareCommit(u -> awaitAcknowledgements(pending));
            return pending;
        });
    }

    private void awaitAcknowledgements(List<CompletableFuture<?>> pending) {
        if (pending.isEmpty()) {
            return;
        }
        kafka.flush();
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayException("interrupted while waiting for Kafka acknowledgements", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            failedBatches.increment();
            log.warn("Kafka did not acknowledge a batch of {} events ({}); the batch will be retried",
                    pending.size(), cause.toString());
            throw new RelayException("Kafka did not acknowledge the batch", cause);
        }
    }

    @Override
    public void destroy() {
        if (kafka.getProducerFactory() instanceof org.springframework.beans.factory.DisposableBean factory) {
            try {
                factory.destroy();
            } catch (Exception e) {
                log.warn("relay producer did not close cleanly: {}", e.toString());
            }
        }
    }

    private Counter counter(String topic) {
        return published.computeIfAbsent(topic, t -> Counter.builder("csp.relay.events.published")
                .description("Events the relay published to Kafka and the broker acknowledged")
                .tag("topic", t)
                .register(meters));
    }

    /** A batch could not be published; the processor rolls it back and retries. */
    public static class RelayException extends RuntimeException {
        public RelayException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
