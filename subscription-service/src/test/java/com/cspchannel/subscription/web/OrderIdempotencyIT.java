package com.cspchannel.subscription.web;

import com.cspchannel.infra.HttpApi;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A client that retries an order after a timeout buys once: the retry answers the first order. */
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
}
