package com.cspchannel.customer.web;

import com.cspchannel.events.partnership.PartnershipRemoved;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant-owner grant is for the reseller of an Azure customer: it needs an Azure plan on the customer, known
 * from subscription-service's events, and an active partnership with the reseller. Grants and revokes are safe
 * to retry with a client request id.
 */
class TenantOwnerIT extends CustomerIntegrationTest {

    @Test
    void aGrantNeedsAnAzurePlanAndAnActivePartnership() {
        World world = world();
        partner(world);
        awaitPartnership(world, true);
        var created = api.post("/api/v1/customers", world.sales(), customerRequest(domain(), world.reseller(), null));
        UUID customer = UUID.fromString(created.body().get("id").asText());
        String path = "/api/v1/customers/" + customer + "/tenant-owner";
        long before = storedEvents();

        var withoutPlan = api.put(path, world.sales(), null);
        assertThat(withoutPlan.status()).isEqualTo(422);
        assertThat(withoutPlan.code()).isEqualTo("azure-plan-required");
        assertThat(storedEvents()).isEqualTo(before);

        holdAzurePlan(world, customer);
        var granted = api.send("PUT", path, world.sales(), null, null, "grant-1");
        assertThat(granted.status()).as(granted.raw()).isEqualTo(200);
        assertThat(granted.body().get("tenantOwnerPartnerId").asText()).isEqualTo(world.reseller().toString());
        assertThat(storedEvents()).isEqualTo(before + 1);

        // A retried revoke answers what the first answered, and revokes once; without a key the second would be
        // refused with no-tenant-owner-grant.
        var revoked = api.send("DELETE", path, world.sales(), null, null, "revoke-1");
        var retried = api.send("DELETE", path, world.sales(), null, null, "revoke-1");
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(retried.body().get("tenantOwnerPartnerId")).isNull();
        assertThat(storedEvents()).isEqualTo(before + 2);
        assertThat(api.delete(path, world.sales(), null).code()).isEqualTo("no-tenant-owner-grant");

        // Once the partnership is removed, no new grant: the reseller keeps delegated administration only.
        publish(world.provider() + ":" + world.reseller(), new PartnershipRemoved(UUID.randomUUID(), Instant.now(),
                world.provider(), world.reseller(), "provider-admin", "ended", true, "attested"));
        awaitPartnership(world, false);
        var afterRemoval = api.put(path, world.sales(), null);
        assertThat(afterRemoval.status()).isEqualTo(422);
        assertThat(afterRemoval.code()).isEqualTo("reseller-not-partnered");
        assertThat(api.get("/api/v1/customers/" + customer, world.admin()).body().get("associatedPartnerId").asText())
                .isEqualTo(world.reseller().toString());
    }

    @Test
    void aDirectCustomerHasNoResellerToGrant() {
        World world = world();
        var created = api.post("/api/v1/customers", world.sales(), customerRequest(domain(), null, null));
        UUID customer = UUID.fromString(created.body().get("id").asText());
        holdAzurePlan(world, customer);
        var refused = api.put("/api/v1/customers/" + customer + "/tenant-owner", world.sales(), null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("no-reseller-associated");
    }
}
