package com.cspchannel.infra;

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
        String configured = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (broker == null) {
            broker = KafkaBroker.onFreePorts().start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "kafka-broker-stop"));
        }
        return broker.bootstrapServers();
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
