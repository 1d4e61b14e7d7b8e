package com.cspchannel.subscription.web;

import com.cspchannel.platform.test.ApiFuzzer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the subscription-service's OpenAPI document, with generated and mutated requests from a
 * provider's and a reseller's users: never a 5xx, every error problem details, no event from a refused request.
 */
class ApiFuzzIT extends SubscriptionIntegrationTest {

    @Test
    void noRequestBreaksTheApisPromises() {
        World world = world();
        var order = api.post(world.path() + "/orders", world.sales(), Map.of("lineItems", List.of(
                Map.of("offerId", BASIC, "quantity", 5, "partnerIdOnRecord", world.reseller().pla())),
                "partnerOnRecordAttestationAccepted", true));
        assertThat(order.status()).as(order.raw()).isEqualTo(201);
        String subscription = api.get(world.path() + "/subscriptions", world.admin()).body().get("items").get(0)
                .get("id").asText();

        ApiFuzzer.Report report = fuzzEveryOperation(Map.of("customerId", world.customer().toString(),
                        "subscriptionId", subscription, "orderId", order.body().get("id").asText(),
                        "offerId", BASIC, "partnerIdOnRecord", world.reseller().pla(),
                        "partnerId", world.reseller().pla(), "supportTenantId", world.reseller().tenant().toString(),
                        "supportMpnId", world.reseller().pla()),
                List.of(world.admin(), world.sales(), TOKENS.reseller(world.reseller().tenant(), "GlobalAdmin")), 1000);
        assertThat(report.requests()).isGreaterThan(report.operations() * 20);
    }
}
