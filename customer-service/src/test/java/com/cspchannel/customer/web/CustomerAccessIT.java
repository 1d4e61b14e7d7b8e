package com.cspchannel.customer.web;

import com.cspchannel.events.partnership.PartnershipAccepted;
import com.cspchannel.events.partnership.PartnershipInvitationIssued;
import com.cspchannel.events.partnership.PartnershipRemoved;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who sees and changes which customer; delegated administration after association, revocation and partnership
 * removal; redelivered partnership events; client mistakes.
 */
@ExtendWith(OutputCaptureExtension.class)
class CustomerAccessIT extends CustomerIntegrationTest {

    private String createFor(World world, UUID reseller) {
        var created = api.post("/api/v1/customers", world.sales(), customerRequest(domain(), reseller, null));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    @Test
    void providersSeeOnlyTheirOwnCustomersAndResellersOnlyThoseTheyAdminister() {
        World world = world();
        partner(world);
        awaitPartnership(world, true);
        String administered = createFor(world, world.reseller());
        String direct = createFor(world, null);

        World other = world();
        assertThat(api.get("/api/v1/customers/" + administered, other.admin()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/customers", other.admin()).body().get("totalCount").asLong()).isZero();
        assertThat(api.put("/api/v1/customers/" + administered + "/reseller", other.admin(),
                Map.of("resellerTenantId", other.reseller())).status()).isEqualTo(404);

        String reseller = TOKENS.reseller(world.reseller(), "AdminAgent");
        assertThat(api.get("/api/v1/customers/" + administered, reseller).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/customers/" + direct, reseller).status()).isEqualTo(404);
        var list = api.get("/api/v1/customers", reseller).body();
        assertThat(list.get("totalCount").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v1/customers/" + administered, TOKENS.reseller(UUID.randomUUID(), "GlobalAdmin"))
                .status()).isEqualTo(404);
        // Resellers and helpdesk agents do not create customers; the platform's staff has no customers.
        assertThat(api.post("/api/v1/customers", TOKENS.reseller(world.reseller(), "GlobalAdmin"),
                customerRequest(domain(), null, null)).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/customers", TOKENS.provider(world.provider(), "HelpdeskAgent"),
                customerRequest(domain(), null, null)).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/customers", TOKENS.platform("DirectoryAdmin")).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/customers", null).status()).isEqualTo(401);

        var byReseller = api.get("/api/v1/customers?indirectReseller=" + world.reseller(), world.admin()).body();
        assertThat(byReseller.get("totalCount").asLong()).isEqualTo(1);
        assertThat(byReseller.get("items").get(0).get("id").asText()).isEqualTo(administered);
        assertThat(api.get("/api/v1/customers?q=WINGTIP", world.admin()).body().get("totalCount").asLong())
                .isEqualTo(2);
    }

    @Test
    void anExistingCustomerIsAssociatedLaterAndKeepsItsResellerWhenThePartnershipIsRemoved() {
        World world = world();
        String customer = createFor(world, null);
        var refused = api.put("/api/v1/customers/" + customer + "/reseller", world.admin(),
                Map.of("resellerTenantId", world.reseller()));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("reseller-not-partnered");

        PartnershipAccepted accepted = partner(world);
        awaitPartnership(world, true);
        String etag = api.get("/api/v1/customers/" + customer, world.admin()).headers().firstValue("ETag").orElseThrow();
        var associated = api.send("PUT", "/api/v1/customers/" + customer + "/reseller", world.sales(),
                Map.of("resellerTenantId", world.reseller()), etag);
        assertThat(associated.status()).as(associated.raw()).isEqualTo(200);
        assertThat(associated.body().get("associatedPartnerId").asText()).isEqualTo(world.reseller().toString());
        var stale = api.send("DELETE", "/api/v1/customers/" + customer + "/reseller", world.sales(), null, etag);
        assertThat(stale.status()).isEqualTo(412);

        holdAzurePlan(world, UUID.fromString(customer));
        assertThat(api.put("/api/v1/customers/" + customer + "/tenant-owner", world.sales(), null).body()
                .get("tenantOwnerPartnerId").asText()).isEqualTo(world.reseller().toString());

        // Removing the partnership does not revoke delegated administration; a redelivered old acceptance
        // does not bring the partnership back.
        publish(world.provider() + ":" + world.reseller(), new PartnershipRemoved(UUID.randomUUID(), Instant.now(),
                world.provider(), world.reseller(), "provider-admin", "ended", true, "attested"));
        awaitPartnership(world, false);
        publish(world.provider() + ":" + world.reseller(), accepted);
        // A marker after the redelivery, on the same key (so the same partition, consumed in order): once the
        // partner view consumed it, it consumed the redelivered acceptance too.
        PartnershipInvitationIssued marker = new PartnershipInvitationIssued(UUID.randomUUID(), Instant.now(),
                UUID.randomUUID(), world.provider(), "provider-admin", null, Instant.now().plusSeconds(60));
        publish(world.provider() + ":" + world.reseller(), marker);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from consumed_event "
                + "where consumer = 'customer-service.partner-view' and event_id = ?", Long.class,
                marker.eventId()) == 1);
        var still = api.get("/api/v1/customers/" + customer, world.admin()).body();
        assertThat(still.get("associatedPartnerId").asText()).isEqualTo(world.reseller().toString());
        assertThat(api.get("/api/v1/customers/" + customer, TOKENS.reseller(world.reseller(), "AdminAgent")).status())
                .isEqualTo(200);
        String other = createFor(world, null);
        var notPartnered = api.put("/api/v1/customers/" + other + "/reseller", world.admin(),
                Map.of("resellerTenantId", world.reseller()));
        assertThat(notPartnered.status()).as("the redelivered old acceptance restores nothing").isEqualTo(422);
        assertThat(notPartnered.code()).isEqualTo("reseller-not-partnered");

        // The explicit revoke ends delegated administration and the tenant-owner grant.
        var revoked = api.delete("/api/v1/customers/" + customer + "/reseller", world.admin(),
                Map.of("reason", "contract ended"));
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.body().get("associatedPartnerId")).isNull();
        assertThat(revoked.body().get("tenantOwnerPartnerId")).isNull();
        assertThat(api.get("/api/v1/customers/" + customer, TOKENS.reseller(world.reseller(), "AdminAgent")).status())
                .isEqualTo(404);
    }

    @Test
    void aPasswordResetShowsANewPasswordOnceToAllowedRolesOnly(CapturedOutput output) {
        World world = world();
        String customer = createFor(world, null);
        assertThat(api.post("/api/v1/customers/" + customer + "/admin-password-reset", world.sales(), null).status())
                .isEqualTo(403);
        String helpdesk = TOKENS.provider(world.provider(), "HelpdeskAgent");
        long events = storedEvents();
        var reset = api.withHeaders("POST", "/api/v1/customers/" + customer + "/admin-password-reset", helpdesk, null,
                Map.of("MS-RequestId", "reset-1"));
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.headers().firstValue("Idempotent-Replayed")).contains("false");
        String password = reset.body().get("password").asText();
        assertThat(password).hasSize(16);
        assertThat(api.get("/api/v1/customers/" + customer, world.admin()).raw()).doesNotContain(password);
        String hash = jdbc.queryForObject("select password_hash from admin_credential where customer_id = ?::uuid",
                String.class, customer);

        // A retry (same MS-RequestId) resets nothing: the same user, no password, the first password still valid.
        var retried = api.withHeaders("POST", "/api/v1/customers/" + customer + "/admin-password-reset", helpdesk,
                null, Map.of("MS-RequestId", "reset-1"));
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(retried.body().get("userName").asText()).isEqualTo(reset.body().get("userName").asText());
        assertThat(retried.body().has("password")).isFalse();
        assertThat(jdbc.queryForObject("select password_hash from admin_credential where customer_id = ?::uuid",
                String.class, customer)).isEqualTo(hash);
        assertThat(storedEvents()).isEqualTo(events + 1);
        // A new key is a new reset.
        var again = api.withHeaders("POST", "/api/v1/customers/" + customer + "/admin-password-reset", helpdesk, null,
                Map.of("Idempotency-Key", "reset-2"));
        String newer = again.body().get("password").asText();
        assertThat(newer).hasSize(16).isNotEqualTo(password);
        assertThat(storedEvents()).isEqualTo(events + 2);

        // Like the first password, a reset one is nowhere but in its answer: not in any table or stored event,
        // not on the topic (which carries both resets), not in the logs; only its BCrypt hash is kept.
        List<ConsumerRecord<String, byte[]>> records = customerRecords(customer, 3);
        assertThat(records).extracting(r -> new String(r.headers().lastHeader("ce_type").value(),
                StandardCharsets.UTF_8)).containsSubsequence("customer.AdminPasswordReset.v1",
                "customer.AdminPasswordReset.v1");
        for (String secret : List.of(password, newer)) {
            assertThat(records).allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                    .doesNotContain(secret));
            assertThat(everyTableAsText()).doesNotContain(secret);
            assertThat(output.getAll()).doesNotContain(secret);
        }
        assertThat(jdbc.queryForObject("select password_hash from admin_credential where customer_id = ?::uuid",
                String.class, customer)).startsWith("$2").isNotEqualTo(hash);
        assertThat(api.post("/api/v1/customers/" + UUID.randomUUID() + "/admin-password-reset", world.admin(), null)
                .status()).isEqualTo(404);
    }

    @Test
    void clientMistakesAre4xxProblemsAndChangeNothing() {
        World world = world();
        long before = storedEvents();
        var malformed = api.post("/api/v1/customers", world.sales(), "{\"companyProfile\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("malformed-request");
        var missing = api.post("/api/v1/customers", world.sales(), Map.of("companyProfile",
                Map.of("companyName", "", "domain", "not a domain")));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().get("errors").toString()).contains("billingProfile").contains("companyProfile.domain")
                .contains("companyProfile.companyName");
        var badLine = api.post("/api/v1/customers", world.sales(), customerRequest(domain(), null,
                List.of(Map.of("offerId", BASIC, "quantity", 0, "partnerIdOnRecord", "12ab"))));
        assertThat(badLine.status()).isEqualTo(400);
        assertThat(badLine.body().get("errors").toString()).contains("order.lineItems[0].quantity")
                .contains("order.lineItems[0].partnerIdOnRecord");
        var badReseller = api.post("/api/v1/customers", world.sales(), Map.of("associatedPartnerId", "4847383"));
        assertThat(badReseller.status()).isEqualTo(400);
        assertThat(api.get("/api/v1/customers/123", world.admin()).code()).isEqualTo("invalid-parameter");
        assertThat(api.get("/api/v1/customers?size=0", world.admin()).status()).isEqualTo(400);
        assertThat(api.send("POST", "/api/v1/customers", world.sales(), customerRequest(domain(), null, null), null,
                " ").status()).isEqualTo(400);
        assertThat(storedEvents()).isEqualTo(before);
    }
}
