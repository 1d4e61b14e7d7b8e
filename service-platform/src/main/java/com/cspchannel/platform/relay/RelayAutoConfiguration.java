package com.cspchannel.platform.relay;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerProducerListener;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** The relay from the event store to Kafka, with its own idempotent producer and its metrics. */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(RelayProperties.class)
@ConditionalOnProperty(prefix = "csp.relay", name = "enabled", havingValue = "true", matchIfMissing = true)
public class RelayAutoConfiguration {

    @Bean
    public KafkaRelay kafkaRelay(KafkaProperties kafkaProperties, RelayProperties relay, Environment environment,
                                 ObjectProvider<MeterRegistry> meters) {
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
        return new KafkaRelay(new KafkaTemplate<>(factory), source, relay.ackTimeout(), registry);
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
