package com.cspchannel.platform.consumer;

import com.cspchannel.infra.FreePorts;
import com.cspchannel.infra.SharedInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumers' session timeout against a real broker. The test broker lets consumers ask for as little as 1 s
 * ({@code group.min.session.timeout.ms=1000}), so the wanted 3 s is used there, and a wish under the broker's
 * minimum is raised to it: asking for less would keep the consumer out of its group.
 */
class SessionTimeoutIT {

    @Test
    void theWantedTimeoutIsUsedWhenTheBrokersAcceptIt() {
        try (Admin admin = admin(SharedInfrastructure.kafkaBootstrapServers())) {
            assertThat(SessionTimeout.resolve(admin, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        }
    }

    @Test
    void aTimeoutUnderTheBrokersMinimumBecomesTheMinimum() {
        try (Admin admin = admin(SharedInfrastructure.kafkaBootstrapServers())) {
            assertThat(SessionTimeout.resolve(admin, Duration.ofMillis(200))).isEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void brokersThatCannotBeAskedAreAssumedToHaveKafkasDefaultMinimum() {
        try (Admin admin = admin("127.0.0.1:" + FreePorts.next())) {
            assertThat(SessionTimeout.resolve(admin, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(6));
        }
    }

    @Test
    void theHeartbeatIsAThirdOfTheSession() {
        assertThat(SessionTimeout.heartbeat(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(1));
    }

    private static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                4000));
    }
}
