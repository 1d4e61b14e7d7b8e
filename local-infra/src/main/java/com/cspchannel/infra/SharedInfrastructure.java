package com.cspchannel.infra;

import java.util.Optional;
import java.util.function.Function;

/**
 * One Kafka broker and one PostgreSQL server per JVM, started on first use and stopped when the JVM exits:
 * what integration tests share. {@code KAFKA_BOOTSTRAP_SERVERS} names an existing broker to use instead.
 */
public final class SharedInfrastructure {

    private static KafkaBroker broker;
    private static Postgres postgres;

    private SharedInfrastructure() {
    }

    public static synchronized String kafkaBootstrapServers() {
        Optional<String> configured = configuredBroker(System::getenv);
        if (configured.isPresent()) {
            return configured.get();
        }
        if (broker == null) {
            broker = KafkaBroker.onFreePorts().start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "kafka-broker-stop"));
        }
        return broker.bootstrapServers();
    }

    /** The broker {@code KAFKA_BOOTSTRAP_SERVERS} names in {@code env}; empty: start one. */
    static Optional<String> configuredBroker(Function<String, String> env) {
        String configured = env.apply("KAFKA_BOOTSTRAP_SERVERS");
        return configured == null || configured.isBlank() ? Optional.empty()
                : Optional.of(configured);
    }

    /**
     * Spring properties naming a new, empty database (unique name starting with {@code prefix}) on the shared
     * PostgreSQL: {@code spring.datasource.url}, {@code .username}, {@code .password}.
     */
    public static java.util.Map<String, String> freshDatabaseProperties(String prefix) {
        Postgres server = postgres();
        String url = server.createFreshDatabase(prefix);
        return java.util.Map.of("spring.datasource.url", url, "spring.datasource.username", server.user(),
                "spring.datasource.password", server.password());
    }

    /** A plain Kafka consumer (no project code) reading from the beginning in a new consumer group. */
    public static org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]> plainConsumer(String bootstrapServers) {
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", "plain-reader-" + java.util.UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class.getName());
        props.put("value.deserializer", org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
        return new org.apache.kafka.clients.consumer.KafkaConsumer<>(props);
    }

    public static synchronized Postgres postgres() {
        if (postgres == null) {
            postgres = Postgres.findOrStart(null);
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "postgres-stop"));
        }
        return postgres;
    }
}
