package com.cspchannel.platform.test;

import com.cspchannel.events.PublicEvent;
import com.cspchannel.infra.DevTokens;
import com.cspchannel.infra.EventPublisher;
import com.cspchannel.infra.HttpApi;
import com.cspchannel.infra.SharedInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service on a random port with its own new database on a real PostgreSQL and a real Kafka broker (a broker
 * process started for the test JVM), accepting development tokens; the base of every service's Spring
 * integration tests. The application is the {@code @SpringBootApplication} found above the test's package, so
 * all tests of one service share one context. Facts owned by other services reach it the way they do in
 * production: as CloudEvents on their topics, sent with {@link #publish}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
public abstract class ServiceIntegrationTest {

    public static final DevTokens TOKENS = DevTokens.withDevSecret();

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;
    protected HttpApi api;
    private EventPublisher publisher;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SharedInfrastructure.freshDatabaseProperties("service_it")
                .forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.kafka.bootstrap-servers", SharedInfrastructure::kafkaBootstrapServers);
        registry.add("csp.security.dev-secret", () -> DevTokens.DEV_SECRET);
    }

    @BeforeEach
    void client() {
        api = new HttpApi(port);
    }

    /** How many events the service's own event store holds: a refused command adds none. */
    protected long storedEvents() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    /** Publishes an event of another service on its topic, as that service's relay would. */
    protected void publish(String topic, String key, PublicEvent event) {
        if (publisher == null) {
            publisher = new EventPublisher(SharedInfrastructure.kafkaBootstrapServers());
        }
        publisher.publish(topic, key, event);
    }

    @AfterEach
    void closePublisher() {
        if (publisher != null) {
            publisher.close();
            publisher = null;
        }
    }
}
