package com.cspchannel.partnership.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code --rebuild-associations} on the command line starts a rebuild at start-up, as the operations guide
 * says: a service started with it (and a new, empty database) reports a rebuild that started and completes into
 * a new generation. Without the switch, a new database reports none (see {@link AssociationsRebuildIT}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, args = "--rebuild-associations")
class RebuildSwitchIT extends IntegrationTest {

    @Test
    void theSwitchStartsARebuildAtStartUp() {
        String operator = TOKENS.platform("Operator");
        await().atMost(Duration.ofSeconds(120)).until(() -> "completed".equals(api.get(
                "/api/v1/operations/associations/rebuild", operator).body().get("state").asText()));
        JsonNode status = api.get("/api/v1/operations/associations/rebuild", operator).body();
        assertThat(status.get("startedAt").isNull()).as(status.toString()).isFalse();
        assertThat(status.get("activeGeneration").asInt()).isGreaterThan(1);
    }
}
