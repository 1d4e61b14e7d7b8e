package com.cspchannel.platform.consumer;

import com.cspchannel.platform.consistency.ReadCopies;
import com.cspchannel.platform.tracing.EventTracing;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs the service's consumers: every {@link TopicConsumer} bean from start-up, and consumers started at run
 * time (a view's rebuild generations). Each is a Spring Kafka listener container in the consumer group named
 * like the consumer, applying events exactly once through {@link EventConsumer}; failures are retried and then
 * dead-lettered by the container's error handler. The lag of every running consumer is read once a second and
 * published as {@code csp.consumer.lag{consumer=...}}. The {@link TopicConsumer} beans are the service's copies
 * of other services' facts, that its decisions rest on ({@link ReadCopies}).
 */
public class EventConsumers implements SmartLifecycle, DisposableBean, ReadCopies {

    private static final Logger log = LoggerFactory.getLogger(EventConsumers.class);
    private static final Duration LAG_INTERVAL = Duration.ofSeconds(1);

    private final AbstractKafkaListenerContainerFactory<?, ?, ?> containers;
    private final EventConsumer events;
    private final DeadLetters deadLetters;
    private final ConsumerLag lag;
    private final List<TopicConsumer> declared;
    private final Optional<MeterRegistry> meters;
    private final Supplier<Duration> sessionTimeout;
    private final EventTracing tracing;
    private final Map<String, RunningConsumer> running = new ConcurrentHashMap<>();
    private ScheduledExecutorService lagReader;
    private volatile boolean started;

    EventConsumers(AbstractKafkaListenerContainerFactory<?, ?, ?> containers, EventConsumer events,
                   DeadLetters deadLetters, ConsumerLag lag, List<TopicConsumer> declared,
                   Optional<MeterRegistry> meters, Supplier<Duration> sessionTimeout, EventTracing tracing) {
        this.tracing = tracing;
        this.sessionTimeout = sessionTimeout;
        this.containers = containers;
        this.events = events;
        this.deadLetters = deadLetters;
        this.lag = lag;
        this.declared = List.copyOf(declared);
        this.meters = meters;
    }

    /** The running consumer of that name, if one runs. */
    public Optional<RunningConsumer> running(String name) {
        return Optional.ofNullable(running.get(name));
    }

    @Override
    public Map<String, List<String>> consumersByTopic(String path) {
        Map<String, List<String>> byTopic = new java.util.LinkedHashMap<>();
        for (TopicConsumer consumer : declared) {
            consumer.topics().forEach(topic -> byTopic.computeIfAbsent(topic, t -> new java.util.ArrayList<>())
                    .add(consumer.name()));
        }
        return byTopic;
    }

    /**
     * Runs a consumer that applies each poll in one transaction ({@link EventConsumer#applyBatch}): one commit per
     * poll instead of one per record, which is most of a consumer's cost under load. When the poll's update fails,
     * the poll is applied again one record per transaction, so that the records before the failing one stay
     * applied and only the failing record is retried and then dead-lettered by the container's error handler
     * ({@link BatchListenerFailedException} names it), exactly as a consumer of one record at a time would.
     * Each event is handled in a span that continues the trace of the record's {@code traceparent}, when it has one.
     */
    public RunningConsumer start(TopicConsumer consumer) {
        EventHandlers eventHandlers = consumer.handlers();
        String name = consumer.name();
        // a span only where a handler runs: a topic carries more types than any one consumer handles
        Consumer<ReceivedEvent> handlers = received -> {
            if (eventHandlers.types().contains(received.event().getClass())) {
                tracing.inScope(span(name, received), () -> eventHandlers.handle(received));
            }
        };
        BatchMessageListener<String, byte[]> listener = records -> {
            EventConsumer.BatchResult result;
            try {
                result = events.applyBatch(name, records, fresh -> fresh.forEach(handlers));
            } catch (RuntimeException batchFailed) {
                log.debug("{}: a poll of {} records failed ({}), applying it one record at a time", name,
                        records.size(), batchFailed.toString());
                for (int i = 0; i < records.size(); i++) {
                    try {
                        events.apply(name, records.get(i), handlers);
                    } catch (RuntimeException e) {
                        throw new BatchListenerFailedException("record " + i + " of the poll failed", e, i);
                    }
                }
                return;
            }
            // outside the fallback: a dead letter that cannot be written fails the poll, which is then redelivered
            for (EventConsumer.Refused refused : result.refused()) {
                deadLetters.send(refused.record(), refused.error());
            }
        };
        return run(name, consumer.topics(), listener, container -> {
        });
    }

    /** The span of one event's handling, in the trace of the record's publication; null when it has none. */
    private Span span(String consumer, ReceivedEvent received) {
        Span span = tracing.start(received.traceparent(), "process " + received.topic(), Span.Kind.CONSUMER);
        return span == null ? null : span.tag("messaging.system", "kafka")
                .tag("messaging.destination.name", received.topic())
                .tag("messaging.consumer.group.name", consumer)
                .tag("messaging.message.id", received.headers().id())
                .tag("cloudevents.event_type", received.headers().type());
    }

    /**
     * Runs a consumer that applies each poll of up to {@code maxPollRecords} records in one transaction and hands
     * the whole poll to {@code apply} at once, for a view that updates a poll with set-based statements (a view
     * rebuilt from offset 0). {@code apply} gets the
     * poll's new events in record order. A failing batch is retried, with backoff up to 30 s, for as long as it
     * fails: a view must not skip events because its database was away. Records that are not valid CloudEvents
     * go to the dead-letter topic.
     *
     * <p>{@code consumers} of the group run in this instance, each with its own share of the partitions, its own
     * polls and its own transactions, so PostgreSQL applies several polls at once. Only for a view in which
     * the events that touch the same rows come from the same partition (the same aggregate): each partition's
     * order is kept, the order between partitions is not.
     */
    public RunningConsumer startBatches(String name, List<String> topics, int maxPollRecords, int consumers,
                                        Consumer<List<ReceivedEvent>> apply) {
        BatchMessageListener<String, byte[]> listener = records -> {
            EventConsumer.BatchResult result = events.applyBatch(name, records, apply);
            for (EventConsumer.Refused refused : result.refused()) {
                deadLetters.send(refused.record(), refused.error());
            }
        };
        return run(name, topics, listener, container -> {
            container.getContainerProperties().getKafkaConsumerProperties()
                    .setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxPollRecords));
            ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
            backOff.setMaxInterval(30_000);
            container.setCommonErrorHandler(new DefaultErrorHandler(backOff));
            if (container instanceof ConcurrentMessageListenerContainer<?, ?> concurrent) {
                concurrent.setConcurrency(consumers);
            }
        });
    }

    private RunningConsumer run(String name, List<String> topics, Object listener,
                                Consumer<AbstractMessageListenerContainer<?, ?>> customize) {
        if (running.containsKey(name)) {
            throw new IllegalStateException("consumer " + name + " is running already");
        }
        AbstractMessageListenerContainer<?, ?> container = containers.createContainer(topics.toArray(String[]::new));
        container.getContainerProperties().setGroupId(name);
        container.getContainerProperties().setClientId(name);
        container.setBeanName(name);
        container.setupMessageListener(listener);
        // how soon a killed replica's partitions move to a survivor (a graceful stop leaves the group at once)
        Duration session = sessionTimeout.get();
        Properties consumerProperties = container.getContainerProperties().getKafkaConsumerProperties();
        consumerProperties.setProperty(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(session.toMillis()));
        consumerProperties.setProperty(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                Long.toString(SessionTimeout.heartbeat(session).toMillis()));
        customize.accept(container);
        Gauge gauge = meters.map(registry -> Gauge.builder("csp.consumer.lag", running, r -> {
                    RunningConsumer consumer = r.get(name);
                    return consumer == null ? -1 : consumer.lag();
                }).description("Records the consumer group still has to read (-1: unknown)").baseUnit("records")
                .tag("consumer", name).register(registry)).orElse(null);
        RunningConsumer consumer = new RunningConsumer(name, topics, container, () -> {
            running.remove(name);
            meters.ifPresent(registry -> registry.remove(gauge));
        });
        running.put(name, consumer);
        container.start();
        log.info("Consumer {} reads {}", name, topics);
        return consumer;
    }

    private void readLags() {
        for (RunningConsumer consumer : running.values()) {
            try {
                consumer.lag(lag.of(consumer.name(), consumer.topics()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                consumer.lag(-1);
                log.debug("Lag of {} unknown: {}", consumer.name(), e.toString());
            }
        }
    }

    @Override
    public void start() {
        lagReader = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "consumer-lag");
            thread.setDaemon(true);
            return thread;
        });
        lagReader.scheduleWithFixedDelay(this::readLags, 0, LAG_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        declared.forEach(this::start);
        started = true;
    }

    @Override
    public void stop() {
        started = false;
        List.copyOf(running.values()).forEach(RunningConsumer::stop);
        if (lagReader != null) {
            lagReader.shutdownNow();
        }
    }

    @Override
    public void destroy() {
        lag.close();
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** With Spring Kafka's own containers: after the web server and the relay, first to stop. */
    @Override
    public int getPhase() {
        return AbstractMessageListenerContainer.DEFAULT_PHASE;
    }
}
