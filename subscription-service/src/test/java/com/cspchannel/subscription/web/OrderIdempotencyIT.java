package com.cspchannel.subscription.web;

import com.cspchannel.infra.HttpApi;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that retries after a timeout acts once: a retried order answers the first order, a retried upgrade the
 * upgraded subscription. And the review answers what the order would answer.
 */
class OrderIdempotencyIT extends SubscriptionIntegrationTest {

    private static final Map<String, Object> ORDER = Map.of("lineItems", List.of(Map.of("offerId", BASIC,
            "quantity", 10), Map.of("offerId", AZURE_PLAN, "quantity", 1)));

    private long subscriptions(World world) {
        return api.get(world.path() + "/subscriptions", world.admin()).body().get("totalCount").asLong();
    }

    @Test
    void aRetryWithTheSameKeyAnswersTheFirstOrderAndCreatesNothing() {
        World world = world();
        String key = UUID.randomUUID().toString();
        HttpApi.Response first = api.send("POST", world.path() + "/orders", world.sales(), ORDER, null, key);
        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        long events = storedEvents();

        HttpApi.Response retry = api.send("POST", world.path() + "/orders", world.sales(), ORDER, null, key);

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(retry.body().get("id").asText()).isEqualTo(first.body().get("id").asText());
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(subscriptions(world)).isEqualTo(2);
    }

    @Test
    void concurrentRequestsWithTheSameKeyPlaceOneOrderAndAllAnswerIt() {
        World world = world();
        String key = UUID.randomUUID().toString();
        List<CompletableFuture<HttpApi.Response>> requests = IntStream.range(0, 6).mapToObj(i ->
                CompletableFuture.supplyAsync(() -> api.send("POST", world.path() + "/orders", world.sales(), ORDER,
                        null, key))).toList();
        List<HttpApi.Response> answers = requests.stream().map(CompletableFuture::join).toList();

        assertThat(answers).extracting(HttpApi.Response::status).containsOnly(201, 200)
                .filteredOn(status -> status == 201).hasSize(1);
        assertThat(answers).extracting(answer -> answer.body().get("id").asText()).containsOnly(
                answers.get(0).body().get("id").asText());
        assertThat(subscriptions(world)).isEqualTo(2);
    }

    @Test
    void theSameKeyForAnotherOrderIsRefusedAndChangesNothing() {
        World world = world();
        String key = UUID.randomUUID().toString();
        assertThat(api.send("POST", world.path() + "/orders", world.sales(), ORDER, null, key).status())
                .isEqualTo(201);
        long events = storedEvents();

        HttpApi.Response other = api.send("POST", world.path() + "/orders", world.sales(),
                Map.of("lineItems", List.of(Map.of("offerId", STANDARD, "quantity", 3))), null, key);

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.code()).isEqualTo("idempotency-key-reused");
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void aRetriedUpgradeUpgradesOnceAndAnswersTheUpgradedSubscription() {
        World world = world();
        HttpApi.Response order = api.post(world.path() + "/orders", world.sales(),
                Map.of("lineItems", List.of(Map.of("offerId", BASIC, "quantity", 4))));
        assertThat(order.status()).isEqualTo(201);
        String subscription = api.get(world.path() + "/subscriptions", world.admin()).body().get("items").get(0)
                .get("id").asText();
        String path = world.path() + "/subscriptions/" + subscription;
        long events = storedEvents();

        HttpApi.Response first = api.withHeaders("PATCH", path, world.sales(), Map.of("offerId", STANDARD),
                Map.of("MS-RequestId", "upgrade-1"));
        HttpApi.Response retry = api.withHeaders("PATCH", path, world.sales(), Map.of("offerId", STANDARD),
                Map.of("MS-RequestId", "upgrade-1"));

        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(retry.status()).as(retry.raw()).isEqualTo(200);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(retry.body().get("offerId").asText()).isEqualTo(STANDARD);
        assertThat(storedEvents()).isEqualTo(events + 1);
        // Without the key, the same upgrade again is refused: the subscription is on that offer already.
        assertThat(api.send("PATCH", path, world.sales(), Map.of("offerId", STANDARD), null).status()).isEqualTo(422);
    }

    /** The review answers exactly what the order answers: the same status, code and problems. */
    @Test
    void theReviewAnswersWhatTheOrderWouldAnswer() {
        World world = world();
        List<Object> orders = List.of(
                Map.of("lineItems", List.of(Map.of("offerId", "NOPE:0001", "quantity", 1),
                        Map.of("offerId", BASIC, "quantity", 301))),
                Map.of("lineItems", List.of(Map.of("offerId", BASIC, "quantity", 1,
                        "partnerIdOnRecord", world.reseller().pla()))),
                Map.of("lineItems", List.of(Map.of("offerId", BASIC, "quantity", 1,
                        "partnerIdOnRecord", world.reseller().pga())), "partnerOnRecordAttestationAccepted", true),
                Map.of("lineItems", List.of(Map.of("offerId", BASIC, "quantity", 1, "partnerId", "5123456"))),
                Map.of("lineItems", List.of()));
        for (Object order : orders) {
            long events = storedEvents();
            HttpApi.Response review = api.post(world.path() + "/orders/validation", world.sales(), order);
            HttpApi.Response placed = api.post(world.path() + "/orders", world.sales(), order);
            assertThat(placed.status()).as(placed.raw()).isBetween(400, 499);
            assertThat(review.status()).as(order.toString()).isEqualTo(placed.status());
            assertThat(review.code()).isEqualTo(placed.code());
            assertThat(review.body().get("errors")).as(review.raw()).isEqualTo(placed.body().get("errors"));
            assertThat(storedEvents()).isEqualTo(events);
        }
        HttpApi.Response unknownCustomer = api.post("/api/v1/customers/" + UUID.randomUUID() + "/orders/validation",
                world.sales(), ORDER);
        assertThat(unknownCustomer.status()).isEqualTo(404);
    }
}
