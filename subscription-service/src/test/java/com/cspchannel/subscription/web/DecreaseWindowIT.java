package com.cspchannel.subscription.web;

import com.cspchannel.infra.HttpApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The new-commerce decrease window over HTTP, with the service's shipped default (7 days, not set by the test):
 * licenses can be reduced up to exactly 7 days after purchase, not a second later; an increase and an upgrade
 * with an explicit quantity stay allowed.
 */
class DecreaseWindowIT extends SubscriptionIntegrationTest {

    @AfterEach
    void releaseClock() {
        CLOCK.release();
    }

    private String subscriptionPurchasedAt(World world, Instant purchase) {
        CLOCK.stopAt(purchase);
        HttpApi.Response order = api.post(world.path() + "/orders", world.sales(),
                Map.of("lineItems", List.of(Map.of("offerId", BASIC, "quantity", 10))));
        assertThat(order.status()).as(order.raw()).isEqualTo(201);
        return api.get(world.path() + "/subscriptions", world.admin()).body().get("items").get(0).get("id").asText();
    }

    private HttpApi.Response patch(World world, String subscription, Map<String, Object> change) {
        return api.send("PATCH", world.path() + "/subscriptions/" + subscription, world.sales(), change, null);
    }

    @Test
    void licensesCanBeReducedUntilExactlySevenDaysAfterPurchase() {
        World world = world();
        Instant purchase = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String subscription = subscriptionPurchasedAt(world, purchase);

        CLOCK.stopAt(purchase.plus(Duration.ofDays(7)));
        HttpApi.Response atTheBoundary = patch(world, subscription, Map.of("quantity", 8));
        assertThat(atTheBoundary.status()).as(atTheBoundary.raw()).isEqualTo(200);
        assertThat(atTheBoundary.body().get("quantity").asInt()).isEqualTo(8);

        CLOCK.advance(Duration.ofSeconds(1));
        long events = storedEvents();
        HttpApi.Response justAfter = patch(world, subscription, Map.of("quantity", 7));
        assertThat(justAfter.status()).isEqualTo(422);
        assertThat(justAfter.code()).isEqualTo("decrease-window-closed");
        assertThat(justAfter.raw()).contains("7 days");
        assertThat(storedEvents()).isEqualTo(events);
        // increases stay allowed after the window
        assertThat(patch(world, subscription, Map.of("quantity", 12)).body().get("quantity").asInt()).isEqualTo(12);
    }

    @Test
    void anUpgradeWithAnExplicitQuantityMovesTheSubscriptionAndSetsTheCount() {
        World world = world();
        String subscription = subscriptionPurchasedAt(world, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        HttpApi.Response upgraded = patch(world, subscription, Map.of("offerId", STANDARD, "quantity", 15));
        assertThat(upgraded.status()).as(upgraded.raw()).isEqualTo(200);
        assertThat(upgraded.body().get("offerId").asText()).isEqualTo(STANDARD);
        assertThat(upgraded.body().get("offerName").asText()).isEqualTo("Microsoft 365 Business Standard");
        assertThat(upgraded.body().get("quantity").asInt()).isEqualTo(15);
        HttpApi.Response history = api.get(world.path() + "/subscriptions/" + subscription + "/history", world.admin());
        assertThat(history.raw()).contains(STANDARD);
    }
}
