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
import java.util.concurrent.ThreadLocalRandom;

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
    private final HttpApi partnerships = stack.api("partnership");

    @Test
    void everyAcceptedCommandReachesEveryConsumerOnceAfterASigkill() throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        UUID provider = UUID.randomUUID();
        String directory = TOKENS.platform("DirectoryAdmin");
        String admin = TOKENS.provider(provider, "GlobalAdmin");
        ok(partnerships.put("/api/v1/providers/" + provider, directory, Map.of("name", "Adatum", "contactEmail",
                "csp@adatum.example", "cspRegion", "Europe", "partnerId", "4" + random.nextInt(100000, 999999))));
        Map<UUID, String> resellers = new ConcurrentHashMap<>();
        for (int i = 0; i < 24; i++) {
            UUID reseller = UUID.randomUUID();
            String pla = "5" + random.nextInt(1000000, 9999999);
            ok(partnerships.post("/api/v1/resellers", directory, Map.of("resellerTenantId", reseller, "profile",
                    Map.of("name", "Reseller " + i, "contactEmail", "r" + i + "@example.org", "country", "DE",
                            "cspRegion", "Europe", "plaPartnerIds", List.of(pla),
                            "pgaPartnerId", "6" + random.nextInt(1000000, 9999999)))));
            ok(partnerships.put("/api/v1/resellers/" + reseller + "/compliance", directory,
                    Map.of("mpaSignedRegions", List.of("Europe"), "programStatus", "active")));
            resellers.put(reseller, pla);
        }
        // one invitation per reseller: a link can be used once
        Map<UUID, String> accept = new ConcurrentHashMap<>();
        for (UUID reseller : resellers.keySet()) {
            String link = partnerships.post("/api/v1/partnership-invitations", admin, Map.of("resellerTenantId",
                    reseller)).body().get("link").asText();
            accept.put(reseller, "/api/v1/partnership-invitations/" + link.substring(link.lastIndexOf('/') + 1)
                    + "/accept");
        }

        // The burst: acceptances one after another, each with its own Idempotency-Key; the service is killed after
        // the first few answers.
        Set<UUID> acceptedBeforeTheKill = ConcurrentHashMap.newKeySet();
        List<UUID> unanswered = new ArrayList<>();
        CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> {
            for (UUID reseller : resellers.keySet()) {
                try {
                    HttpApi.Response response = acceptWithKey(accept.get(reseller), reseller);
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
            HttpApi.Response retry = acceptWithKey(accept.get(reseller), reseller);
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
                customers.post("/api/v1/customers/validation", admin, customerFor(reseller)).status() == 200));
        // The subscription service too: an order naming any of them as partner of record passes its review.
        var created = customers.post("/api/v1/customers", admin, customerFor(null));
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

    private HttpApi.Response acceptWithKey(String path, UUID reseller) {
        return partnerships.send("POST", path, TOKENS.reseller(reseller, "GlobalAdmin"), null, null,
                "accept-" + reseller);
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

    private static Map<String, Object> customerFor(UUID reseller) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("companyProfile", Map.of("companyName", "Tailspin", "domain",
                "tailspin" + UUID.randomUUID().toString().substring(0, 8) + ".onmicrosoft.com"));
        body.put("billingProfile", Map.of("firstName", "A", "lastName", "B", "email", "a@tailspin.example",
                "culture", "en-US", "language", "en", "companyName", "Tailspin", "defaultAddress",
                Map.of("addressLine1", "1 Main St", "city", "Vienna", "postalCode", "1010", "country", "AT")));
        if (reseller != null) {
            body.put("associatedPartnerId", reseller);
        }
        return body;
    }

    private static void ok(HttpApi.Response response) {
        assertThat(response.status()).as(response.raw()).isBetween(200, 201);
    }
}
