package com.cspchannel.partnership.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code --rebuild-associations} on the command line starts a rebuild, as the operations guide says. The
 * service's own start-up runner is given the arguments (in the shared test application: a second one with other
 * arguments would split the consumer groups with the first): without the switch nothing starts, with it a
 * rebuild starts and completes into a new generation.
 */
class RebuildSwitchIT extends IntegrationTest {

    @Autowired
    @Qualifier("rebuildAssociationsOnRequest")
    ApplicationRunner startUp;

    private JsonNode status() {
        return api.get("/api/v1/operations/associations/rebuild", TOKENS.platform("Operator")).body();
    }

    @Test
    void theSwitchStartsARebuild() throws Exception {
        await().atMost(Duration.ofSeconds(120)).until(() -> !"running".equals(status().get("state").asText()));
        JsonNode before = status();

        startUp.run(new DefaultApplicationArguments("--some-other-option"));
        JsonNode unchanged = status();
        for (String field : new String[]{"state", "startedAt", "activeGeneration", "buildingGeneration"}) {
            assertThat(unchanged.get(field)).as("without the switch nothing starts: " + field)
                    .isEqualTo(before.get(field));
        }

        Instant asked = Instant.now().minusSeconds(1);
        startUp.run(new DefaultApplicationArguments("--rebuild-associations"));
        await().atMost(Duration.ofSeconds(120)).until(() -> "completed".equals(status().get("state").asText())
                && status().get("activeGeneration").asInt() > before.get("activeGeneration").asInt());
        assertThat(Instant.parse(status().get("startedAt").asText())).isAfter(asked);
    }
}
