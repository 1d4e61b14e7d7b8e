package com.cspchannel.system;

import com.cspchannel.infra.HttpApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kafka broker is stopped for five seconds and started again in the middle of a burst of acceptances, with all
 * four services running. Commands keep being answered (the event store is the outbox), and once the broker is
 * back every acceptance is on the topic exactly once, in customer-service's partner view, and one notification.
 */
class BrokerRestartIT {

    private final SystemStack stack = SystemStack.get();
    // Raw HTTP beyond the set-up (InvitedResellers, on the generated client): acceptances replayed with their
    // Idempotency-Key on either replica while the broker is away, counted by raw status.
    private final HttpApi partnerships = stack.api("partnership");

    @AfterAll
    static void backToOneReplica() {
        List.of("partnership", "customer", "notification").forEach(SystemStack.get()::removeReplica);
    }

    @Test
    void aBrokerRestartInABurstLosesAndDoublesNothing() throws Exception {
        InvitedResellers invited = InvitedResellers.create(partnerships, 30);
        // two replicas of each service involved, as the chart runs them: acceptances go to both partnership-service
        // replicas, and the consumers of both customer- and notification-service replicas share the partitions
        List<HttpApi> replicas = List.of(partnerships, new HttpApi(stack.replica("partnership").port()));
        stack.replica("customer");
        stack.replica("notification");
        List<UUID> accepted = new ArrayList<>();
        int acceptedWhileDown = 0;
        CompletableFuture<Void> restart = null;
        try (TopicWatcher topic = new TopicWatcher(stack.bootstrapServers(), "partnership.PartnershipAccepted.")) {
            for (UUID reseller : invited.accept().keySet()) {
                HttpApi.Response response = invited.accept(replicas.get(accepted.size() % 2), reseller);
                assertThat(response.status()).as("answered while the broker is away: %s", response.raw())
                        .isEqualTo(201);
                accepted.add(reseller);
                if (restart != null && !stack.brokerRunning()) {
                    acceptedWhileDown++;
                }
                if (accepted.size() == 10) {
                    restart = CompletableFuture.runAsync(() -> stack.restartBroker(Duration.ofSeconds(5)));
                }
                Thread.sleep(200);
            }
            restart.get();
            assertThat(acceptedWhileDown).as("acceptances answered while the broker was down").isPositive();

            await().atMost(Duration.ofSeconds(90)).until(() -> topic.seenAll(java.util.Set.copyOf(accepted)));
            for (UUID reseller : accepted) {
                assertThat(topic.eventIds(reseller)).as("acceptances of %s on the topic", reseller).hasSize(1);
            }
        }
        HttpApi customers = stack.api("customer");
        await().atMost(Duration.ofSeconds(90)).until(() -> accepted.stream().allMatch(reseller -> customers.post(
                "/api/v1/customers/validation", invited.admin(), InvitedResellers.customerFor(reseller))
                .status() == 200));
        HttpApi notifications = stack.api("notification");
        String acceptedNotifications = "/api/v1/notifications?type=partnership_accepted&size=200";
        await().atMost(Duration.ofSeconds(90)).until(() -> notifications.get(acceptedNotifications, invited.admin())
                .body().get("totalCount").asLong() >= accepted.size());
        stack.awaitConsumed("notification-service", "csp.partnerships.events");
        assertThat(notifications.get(acceptedNotifications, invited.admin()).body().get("totalCount").asLong())
                .as("one notification per acceptance").isEqualTo(accepted.size());
    }
}
