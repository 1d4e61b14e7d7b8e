package com.cspchannel.infra;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which Kafka broker the tests and the local stack use: the one KAFKA_BOOTSTRAP_SERVERS names, else their own. */
class SharedInfrastructureTest {

    @Test
    void aBrokerNamedByKafkaBootstrapServersIsUsedAsItIs() {
        assertThat(SharedInfrastructure.configuredBroker(Map.of("KAFKA_BOOTSTRAP_SERVERS",
                "kafka-1:9092,kafka-2:9092")::get)).contains("kafka-1:9092,kafka-2:9092");
    }

    @Test
    void withoutItOrWithItBlankABrokerIsStarted() {
        assertThat(SharedInfrastructure.configuredBroker(Map.<String, String>of()::get)).isEmpty();
        assertThat(SharedInfrastructure.configuredBroker(Map.of("KAFKA_BOOTSTRAP_SERVERS", "  ")::get)).isEmpty();
    }
}
