package com.cspchannel.system;

import com.cspchannel.infra.HttpApi;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static com.cspchannel.system.SystemStack.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The partnership service is killed with SIGKILL while it rebuilds the associations view: after the restart the
 * rebuild resumes and completes, and the view answers as it did before.
 */
class RebuildCrashIT {

    private final SystemStack stack = SystemStack.get();

    @Test
    void aRebuildInterruptedBySigkillResumesAfterTheRestartAndTheViewAnswersAsBefore() {
        UUID reseller = new SeedWalkthroughIT().walkthrough().reseller();
        // Raw HTTP: the rebuild's status is polled across a SIGKILL, when connections fail and statuses vary.
        HttpApi partnerships = stack.api("partnership");
        String operator = TOKENS.platform("Operator");
        JsonNode before = partnerships.get("/api/v1/operations/associations/rebuild", operator).body();
        await().atMost(Duration.ofSeconds(30)).until(() -> !"running".equals(
                partnerships.get("/api/v1/operations/associations/rebuild", operator).body().get("state").asText()));
        String everything = "/api/v1/resellers/" + reseller + "/associations";
        String answerBefore = partnerships.get(everything, TOKENS.reseller(reseller, "GlobalAdmin")).raw();
        assertThat(answerBefore).contains("customer_admin").contains("reseller_of_record");

        var started = partnerships.post("/api/v1/operations/associations/rebuild", operator, null);
        assertThat(started.status()).isEqualTo(202);
        int generation = started.body().get("buildingGeneration").asInt();
        stack.service("partnership").kill();
        stack.service("partnership").start().awaitReady(Duration.ofSeconds(180));

        JsonNode afterRestart = partnerships.get("/api/v1/operations/associations/rebuild", operator).body();
        assertThat(afterRestart.get("activeGeneration").asInt()).isEqualTo(before.get("activeGeneration").asInt());
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            JsonNode status = partnerships.get("/api/v1/operations/associations/rebuild", operator).body();
            return status.get("state").asText().equals("completed") && status.get("activeGeneration").asInt() == generation;
        });
        assertThat(partnerships.get(everything, TOKENS.reseller(reseller, "GlobalAdmin")).raw()).isEqualTo(answerBefore);
    }
}
