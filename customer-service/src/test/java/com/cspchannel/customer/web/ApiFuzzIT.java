package com.cspchannel.customer.web;

import com.cspchannel.platform.test.ApiFuzzer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the customer-service's OpenAPI document, with generated and mutated requests from a
 * provider's and a reseller's users: never a 5xx, every error problem details, no event from a refused request.
 */
class ApiFuzzIT extends CustomerIntegrationTest {

    @Test
    void noRequestBreaksTheApisPromises() {
        World world = world();
        partner(world);
        awaitPartnership(world, true);
        var created = api.post("/api/v1/customers", world.sales(), customerRequest(domain(), world.reseller(),
                List.of(line(BASIC, 2, world.pla()))));
        assertThat(created.status()).isEqualTo(201);
        UUID customer = UUID.fromString(created.body().get("id").asText());
        holdAzurePlan(world, customer);

        ApiFuzzer.Report report = fuzzEveryOperation(Map.of("customerId", customer.toString(),
                        "resellerTenantId", world.reseller().toString(),
                        "associatedPartnerId", world.reseller().toString(),
                        "indirectReseller", world.reseller().toString(),
                        "partnerIdOnRecord", world.pla(), "offerId", BASIC, "country", "DE", "culture", "de-DE"),
                List.of(world.admin(), world.sales(), TOKENS.reseller(world.reseller(), "GlobalAdmin")), 1000);
        assertThat(report.requests()).isGreaterThan(report.operations() * 20);
    }
}
