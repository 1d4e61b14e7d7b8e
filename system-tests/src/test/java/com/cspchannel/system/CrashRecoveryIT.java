package com.cspchannel.system;

import com.cspchannel.infra.HttpApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;

import static com.cspchannel.system.SystemStack.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The partnership service is killed with SIGKILL in the middle of a burst of accepted partnerships and started
 * again; the client retries what got no answer with the same Idempotency-Key. Every acceptance reaches every
 * consumer: the associations view, the
 * customer and subscription services' partner views, the notification service; and none of them counts one twice.
 */
class CrashRecoveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SystemStack stack = SystemStack.get();
    // Raw HTTP beyond the set-up (InvitedResellers, on the generated client): the same Idempotency-Key replayed
    // after a SIGKILL, and raw statuses and lost connections counted.
    private final HttpApi partnerships = stack.api("partnership");

    @Test
    void everyAcceptedCommandReachesEveryConsumerOnceAfterASigkill() throws Exception {
        InvitedResellers invited = InvitedResellers.create(partnerships, 24);
        UUID provider = invited.provider();
        String admin = invited.admin();
        Map<UUID, String> resellers = invited.pla();

        // The burst: acceptances one after another, each with its own Idempotency-Key; the service is killed after
        // the first few answers.
        Set<UUID> acceptedBeforeTheKill = ConcurrentHashMap.newKeySet();
        List<UUID> unanswered = new ArrayList<>();
        CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> {
            for (UUID reseller : resellers.keySet()) {
                try {
                    HttpApi.Response response = invited.accept(partnerships, reseller);
                    if (response.status() == 201) {
                        acceptedBeforeTheKill.add(reseller);
                        Thread.sleep(40); // a paced client, so that the kill lands inside the burst
                        continue;
                    }
                } catch (RuntimeException connectionLost) {
                    // no answer: the client does not know whether it happened
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                synchronized (unanswered) {
                    unanswered.add(reseller);
                }
            }
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> acceptedBeforeTheKill.size() >= 6);
        stack.service("partnership").kill();
        burst.get();
        assertThat(unanswered).as("the kill interrupted the burst").isNotEmpty();
        stack.service("partnership").start().awaitReady(Duration.ofSeconds(180));
        // The client retries what was not answered, with the same key: 201 if it had not happened, 200 (replayed)
        // if it had happened before the crash; never an error.
        for (UUID reseller : unanswered) {
            HttpApi.Response retry = invited.accept(partnerships, reseller);
            assertThat(retry.status()).as(retry.raw()).isIn(200, 201);
            assertThat(retry.body().get("resellerTenantId").asText()).isEqualTo(reseller.toString());
        }
        // Each acceptance happened once: the provider has exactly one active partnership per reseller.
        assertThat(partnerships.get("/api/v1/partnerships?size=200", admin).body().get("totalCount").asLong())
                .isEqualTo(resellers.size());

        // Kafka: every acceptance of this provider is on the topic (at least once).
        Set<String> acceptedOnTopic = partnershipAcceptedOnTopic(provider);
        assertThat(acceptedOnTopic).hasSize(resellers.size());

        // The associations view: each reseller partnered exactly once.
        await().atMost(Duration.ofSeconds(90)).until(() -> resellers.keySet().stream().allMatch(reseller ->
                partnerships.get("/api/v1/resellers/" + reseller + "/associations", admin).body().get("counts")
                        .get("partnership").asLong() == 1));
        // The customer service knows every partnership: a customer for any of them passes its review.
        HttpApi customers = stack.api("customer");
        await().atMost(Duration.ofSeconds(60)).until(() -> resellers.keySet().stream().allMatch(reseller ->
                customers.post("/api/v1/customers/validation", admin, InvitedResellers.customerFor(reseller)).status() == 200));
        // The subscription service too: an order naming any of them as partner of record passes its review.
        var created = customers.post("/api/v1/customers", admin, InvitedResellers.customerFor(null));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String orders = "/api/v1/customers/" + created.body().get("id").asText() + "/orders/validation";
        HttpApi subscriptions = stack.api("subscription");
        await().atMost(Duration.ofSeconds(60)).until(() -> resellers.values().stream().allMatch(pla ->
                subscriptions.post(orders, admin, Map.of("partnerOnRecordAttestationAccepted", true, "lineItems",
                        List.of(Map.of("offerId", "CFQ7TTC0LH18:0001", "quantity", 1, "partnerIdOnRecord", pla))))
                        .status() == 200));
        // The notification service: one notification per acceptance, none twice.
        HttpApi notifications = stack.api("notification");
        await().atMost(Duration.ofSeconds(60)).until(() -> notifications.get(
                "/api/v1/notifications?type=partnership_accepted&size=200", admin).body().get("totalCount").asLong()
                >= resellers.size());
        // Once the notification service has consumed everything on the topic (duplicates the relay published
        // after the crash included), the count is still one per acceptance.
        stack.awaitConsumed("notification-service", "csp.partnerships.events");
        assertThat(notifications.get("/api/v1/notifications?type=partnership_accepted&size=200", admin).body()
                .get("totalCount").asLong()).isEqualTo(resellers.size());
    }

    private Set<String> partnershipAcceptedOnTopic(UUID provider) {
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.bootstrapServers());
        props.put("group.id", "crash-check-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", ByteArrayDeserializer.class.getName());
        Set<String> resellers = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of("csp.partnerships.events"));
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    String type = new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8);
                    if (type.equals("partnership.PartnershipAccepted.v1")) {
                        try {
                            JsonNode data = JSON.readTree(record.value());
                            if (data.get("providerTenantId").asText().equals(provider.toString())) {
                                resellers.add(data.get("resellerTenantId").asText());
                            }
                        } catch (java.io.IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
                return resellers.size() >= 24;
            });
        }
        return resellers;
    }
}
