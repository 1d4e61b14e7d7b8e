package com.cspchannel.partnership.web;

import com.cspchannel.infra.HttpApi;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More requests at once than a replica admits: the surplus is answered 503 {@code overloaded} with Retry-After at
 * once and leaves nothing behind, every admitted command is done, and health answers throughout.
 */
class OverloadIT extends IntegrationTest {

    @Autowired
    Bulkhead admissionBulkhead;

    @AfterEach
    void defaultAdmission() {
        admissionBulkhead.changeConfig(BulkheadConfig.custom().maxConcurrentCalls(32)
                .maxWaitDuration(Duration.ofMillis(250)).build());
    }

    @Test
    void requestsBeyondTheLimitAreRefusedWith503AndChangeNothing() throws Exception {
        admissionBulkhead.changeConfig(BulkheadConfig.custom().maxConcurrentCalls(2)
                .maxWaitDuration(Duration.ZERO).build());
        long before = storedEvents();
        ExecutorService clients = Executors.newFixedThreadPool(24);
        List<UUID> resellers = new ArrayList<>();
        List<Future<HttpApi.Response>> answers = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            UUID reseller = UUID.randomUUID();
            String pla = Integer.toString(ThreadLocalRandom.current().nextInt(5_000_000, 5_999_999));
            resellers.add(reseller);
            answers.add(clients.submit(() -> api.post("/api/v1/resellers", directoryAdmin(), Map.of(
                    "resellerTenantId", reseller, "profile", Map.of("name", "Busy " + pla,
                            "contactEmail", "r" + pla + "@example.org", "country", "DE", "cspRegion", "Europe",
                            "plaPartnerIds", List.of(pla), "pgaPartnerId", "6" + pla.substring(1))))));
        }
        assertThat(api.get("/actuator/health/readiness", null).status()).as("probes are never refused")
                .isEqualTo(200);
        List<HttpApi.Response> answered = new ArrayList<>();
        for (Future<HttpApi.Response> answer : answers) {
            answered.add(answer.get());
        }
        int admitted = 0;
        int refused = 0;
        for (int i = 0; i < answered.size(); i++) {
            HttpApi.Response answer = answered.get(i);
            HttpApi.Response stored = api.get("/api/v1/resellers/" + resellers.get(i), directoryAdmin());
            if (answer.status() == 201) {
                admitted++;
                assertThat(stored.status()).isEqualTo(200);
            } else {
                refused++;
                assertThat(answer.status()).as(answer.raw()).isEqualTo(503);
                assertThat(answer.code()).isEqualTo("overloaded");
                assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(stored.status()).as("a refused enrolment left nothing").isEqualTo(404);
            }
        }
        clients.shutdown();
        assertThat(admitted).isPositive();
        assertThat(refused).as("24 clients at once against room for 2").isPositive();
        assertThat(storedEvents() - before).as("one event per admitted enrolment").isEqualTo(admitted);
    }
}
