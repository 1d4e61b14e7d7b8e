package com.cspchannel.system;

import com.cspchannel.infra.DevTokens;
import com.cspchannel.infra.FreePorts;
import com.cspchannel.infra.HttpApi;
import com.cspchannel.infra.KafkaBroker;
import com.cspchannel.infra.ServiceProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.cspchannel.system.SystemStack.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The partnership service's own PostgreSQL is stopped in the middle of a burst of enrolments sent to its two
 * replicas, and started again on the same port and data. It is a server this test starts itself (never the
 * machine's shared one), and the replicas run with a broker of their own so that its consumers do not share groups with the system stack's. While the
 * database is away, readiness is DOWN and commands are refused with 503 and Retry-After; after it is back,
 * readiness is UP, and every enrolment that got a 201 is in the store and on the topic exactly once.
 */
class DatabaseRestartIT {

    @Test
    void aDatabaseRestartLosesNothingThatWasAnswered() throws Exception {
        Path data = Files.createTempDirectory("csp-pg-restart");
        int pgPort = FreePorts.next();
        EmbeddedPostgres postgres = startPostgres(data, pgPort);
        try (KafkaBroker broker = KafkaBroker.onFreePorts().start()) {
            broker.createTopics(SystemStack.TOPICS, 3, -1);
            ServiceProcess service = replica(broker, pgPort, "partnership-service-pg-restart.log");
            ServiceProcess second = replica(broker, pgPort, "partnership-service-pg-restart-replica.log");
            HttpApi api = new HttpApi(service.port());
            HttpApi secondApi = new HttpApi(second.port());
            try (service; second; TopicWatcher topic = new TopicWatcher(broker.bootstrapServers());
                 Enrolments load = new Enrolments(TOKENS.platform("DirectoryAdmin"))) {
                service.start();
                second.start();
                service.awaitReady(Duration.ofSeconds(180));
                second.awaitReady(Duration.ofSeconds(180));
                load.sendTo(service, second);
                await().atMost(Duration.ofSeconds(30)).until(() -> load.answered.size() >= 30);

                postgres.close();
                await("readiness reports the database away").atMost(Duration.ofSeconds(30))
                        .until(() -> readiness(api) == 503 && readiness(secondApi) == 503);
                int answeredWhileAway = load.answered.size();
                await("commands are refused while it is away").atMost(Duration.ofSeconds(30))
                        .until(() -> load.refused.containsKey(503));
                postgres = startPostgres(data, pgPort);
                await("readiness reports it back").atMost(Duration.ofSeconds(60))
                        .until(() -> readiness(api) == 200 && readiness(secondApi) == 200);
                await().atMost(Duration.ofSeconds(30)).until(() -> load.answered.size() >= answeredWhileAway + 30);
                load.close();

                assertThat(load.refused.keySet()).as("only 503 while the database was away").containsOnly(503);
                await().atMost(Duration.ofSeconds(60)).until(() -> topic.seenAll(load.answered.keySet()));
                for (UUID reseller : load.answered.keySet()) {
                    assertThat(api.get("/api/v1/resellers/" + reseller, TOKENS.platform("DirectoryAdmin")).status())
                            .isEqualTo(200);
                    assertThat(topic.eventIds(reseller)).hasSize(1);
                }
                System.out.printf("database restart: %d enrolments answered 201, %s refused%n",
                        load.answered.size(), load.refused);
            }
        } finally {
            postgres.close();
        }
    }

    /** A partnership-service replica over the test's own database and broker. */
    private static ServiceProcess replica(KafkaBroker broker, int pgPort, String log) {
        int port = FreePorts.next();
        return new ServiceProcess("partnership-service", SystemStack.executableJar("partnership-service"), port,
                Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
                        "DATABASE_USER", "postgres", "DATABASE_PASSWORD", "",
                        "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                        "CSP_SECURITY_DEV_SECRET", DevTokens.DEV_SECRET,
                        "PUBLIC_BASE_URL", "http://127.0.0.1:" + port),
                SystemStack.logFile(log), List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    }

    private static EmbeddedPostgres startPostgres(Path data, int port) throws java.io.IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    private static int readiness(HttpApi api) {
        try {
            return api.get("/actuator/health/readiness", null).status();
        } catch (RuntimeException notAnswering) {
            return -1;
        }
    }
}
