package com.cspchannel.platform.relay;

import com.cspchannel.platform.tracing.EventTracing;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerProducerListener;

import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** The relay from the event store to Kafka, with its own idempotent producer and its metrics. */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(RelayProperties.class)
@ConditionalOnProperty(prefix = "csp.relay", name = "enabled", havingValue = "true", matchIfMissing = true)
public class RelayAutoConfiguration {

    /** The bean name the platform defaults give the relay processor as its source. */
    public static final String RELAY_SOURCE = "relayEventSource";

    @Bean
    public KafkaRelay kafkaRelay(KafkaProperties kafkaProperties, RelayProperties relay, Environment environment,
                                 ObjectProvider<MeterRegistry> meters, ObjectProvider<EventTracing> tracing) {
        Map<String, Object> config = kafkaProperties.buildProducerProperties(null);
        // Never weaken these for the relay: they are what "nothing accepted is ever lost" rests on.
        config.put("acks", "all");
        config.put("enable.idempotence", true);
        config.put("max.in.flight.requests.per.connection", 5);
        DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(config);
        factory.setPhysicalCloseTimeout(5);
        MeterRegistry registry = meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        factory.addListener(new MicrometerProducerListener<>(registry));
        String source = relay.source() != null ? relay.source()
                : environment.getProperty("spring.application.name", "csp-service");
        return new KafkaRelay(new KafkaTemplate<>(factory), source, relay.ackTimeout(), registry,
                tracing.getIfAvailable(() -> EventTracing.OFF));
    }

    /** Announces commits to the event store; see {@link EventStoreNotifications}. */
    @Bean
    public EventStoreNotifications eventStoreNotifications(DataSource dataSource) {
        EventStoreNotifications.Connector connector = dataSource instanceof HikariDataSource hikari
                // its own connection: it is held for as long as the service runs, so it should not take one of the pool's
                ? () -> DriverManager.getConnection(hikari.getJdbcUrl(), connectionProperties(hikari))
                : dataSource::getConnection;
        return new EventStoreNotifications(connector, Duration.ofSeconds(5));
    }

    private static java.util.Properties connectionProperties(HikariDataSource hikari) {
        java.util.Properties properties = new java.util.Properties();
        properties.putAll(hikari.getDataSourceProperties());
        if (hikari.getUsername() != null) {
            properties.setProperty("user", hikari.getUsername());
        }
        if (hikari.getPassword() != null) {
            properties.setProperty("password", hikari.getPassword());
        }
        return properties;
    }

    /** The relay processor's source ({@code axon.eventhandling.processors.kafka-relay.source}). */
    @Bean(RELAY_SOURCE)
    public NotifiedEventSource relayEventSource(EventStore eventStore, EventStorageEngine storage,
                                                EventStoreNotifications notifications, RelayProperties relay) {
        return new NotifiedEventSource(eventStore, storage, notifications, relay.poll());
    }

    /**
     * Spreads the relay's segments over the service's running replicas; see {@link RelaySegmentBalancer}. Its
     * liveness window is the token store's claim timeout, so a killed replica stops counting when its claims expire.
     */
    @Bean(destroyMethod = "leave")
    public RelaySegmentBalancer relaySegmentBalancer(JdbcTemplate jdbc, Environment environment) {
        Duration claimTimeout = Binder.get(environment)
                .bind("axon.eventhandling.tokenstore.claim-timeout", Duration.class)
                .orElse(Duration.ofSeconds(10));
        // the same name Axon's JDBC token store writes as a claim's owner (pid@host), so that both tables agree
        return new RelaySegmentBalancer(jdbc, KafkaRelay.PROCESSING_GROUP,
                ManagementFactory.getRuntimeMXBean().getName(), claimTimeout);
    }

    /**
     * Failover in seconds rather than a minute: the relay extends its claims every second, from the coordinator so
     * that a batch waiting on the broker keeps them too, and a survivor looks for unclaimed segments every second
     * ({@code token-claim-interval} in the platform defaults). The balancer decides how many each replica holds.
     */
    @Bean
    public ConfigurerModule relayProcessorClaims(RelaySegmentBalancer balancer, Environment environment,
                                                 RelayProperties relay) {
        long claimInterval = environment.getProperty(
                "axon.eventhandling.processors." + KafkaRelay.PROCESSING_GROUP + ".token-claim-interval",
                Long.class, 1000L);
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerPooledStreamingEventProcessorConfiguration(KafkaRelay.PROCESSING_GROUP,
                        (configuration, processor) -> processor
                                .claimExtensionThreshold(claimInterval)
                                .enableCoordinatorClaimExtension()
                                .maxSegmentProvider(balancer)
                                // a backlog drains at the work packages' pace, not at 1,024 events per 100 ms
                                .coordinatorExecutor(name -> {
                                    RelayCoordinatorScheduler scheduler =
                                            new RelayCoordinatorScheduler(name, relay.fullQueuesWait());
                                    configuration.onShutdown(scheduler::shutdown);
                                    return scheduler;
                                })));
    }

    /** How many relay segments this replica holds now: with two healthy replicas, each holds its share. */
    @Bean
    public MeterBinder relaySegmentsClaimed(ObjectProvider<EventProcessingConfiguration> processing) {
        return registry -> Gauge.builder("csp.relay.segments.claimed", processing, p -> p.stream()
                        .flatMap(c -> c.eventProcessor(KafkaRelay.PROCESSING_GROUP, StreamingEventProcessor.class)
                                .stream())
                        .mapToInt(relay -> relay.processingStatus().size())
                        .sum())
                .description("Relay segments this replica holds")
                .register(registry);
    }

    @Bean
    public RelayLag relayLag(JdbcTemplate jdbc, ObjectProvider<MeterRegistry> meters) {
        RelayLag lag = new RelayLag(jdbc, KafkaRelay.PROCESSING_GROUP, Duration.ofSeconds(5), Clock.systemUTC());
        meters.ifAvailable(registry -> Gauge.builder("csp.relay.lag", lag, RelayLag::events)
                .description("Events in the event store not yet published to Kafka (-1: unknown)")
                .baseUnit("events")
                .register(registry));
        return lag;
    }
}
