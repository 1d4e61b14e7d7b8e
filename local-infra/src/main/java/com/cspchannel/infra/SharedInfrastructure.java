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

    public static synchronized Postgres postgres() {
        if (postgres == null) {
            postgres = Postgres.findOrStart(null);
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "postgres-stop"));
        }
        return postgres;
    }
}
