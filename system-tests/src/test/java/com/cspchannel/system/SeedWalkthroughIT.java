package com.cspchannel.system;

import com.cspchannel.infra.HttpApi;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.cspchannel.system.SystemStack.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seed's whole walkthrough across the four service processes, through HTTP only: partner with a reseller,
 * create a customer for it with subscriptions (review, submit, credentials once), add subscriptions, make the
 * reseller reseller of record after verifying its PartnerID, designate it support contact, remove the partnership,
 * and the associations view before and after.
 */
class SeedWalkthroughIT {

    private final SystemStack stack = SystemStack.get();
    private final HttpApi partnerships = stack.api("partnership");
    private final HttpApi customers = stack.api("customer");
    private final HttpApi subscriptions = stack.api("subscription");
    private final HttpApi notifications = stack.api("notification");

    /** The provider and reseller a walkthrough created. */
    record Walkthrough(UUID provider, UUID reseller) {
    }

    @Test
    void theIndirectProviderWorkflowFromPartnershipToRemoval() {
        walkthrough();
    }

    Walkthrough walkthrough() {
        UUID provider = UUID.randomUUID();
        UUID reseller = UUID.randomUUID();
        String providerPartnerId = PartnerIds.provider();
        String pla = PartnerIds.pla();
        String pga = PartnerIds.pga();
        String directory = TOKENS.platform("DirectoryAdmin");
        String admin = TOKENS.provider(provider, "GlobalAdmin");
        String sales = TOKENS.provider(provider, "SalesAgent");
        String helpdesk = TOKENS.provider(provider, "HelpdeskAgent");
        String resellerAdmin = TOKENS.reseller(reseller, "GlobalAdmin");

        // The registry: the provider and an enrolled reseller with a signed MPA.
        expect(partnerships.put("/api/v1/providers/" + provider, directory, Map.of("name", "Contoso Distribution",
                "contactEmail", "csp@contoso.example", "cspRegion", "Europe", "partnerId", providerPartnerId)), 201);
        expect(partnerships.post("/api/v1/resellers", directory, Map.of("resellerTenantId", reseller, "profile",
                Map.of("name", "Fabrikam", "contactEmail", "partners@fabrikam.example", "country", "DE",
                        "cspRegion", "Europe", "plaPartnerIds", List.of(pla), "pgaPartnerId", pga))), 201);
        expect(partnerships.put("/api/v1/resellers/" + reseller + "/compliance", directory,
                Map.of("mpaSignedRegions", List.of("Europe"), "programStatus", "active")), 200);

        // 1. Partner with the reseller: request (draft email), the reseller's Global admin accepts.
        var draft = expect(partnerships.post("/api/v1/partnership-invitations", sales,
                Map.of("resellerEmail", "partners@fabrikam.example")), 201);
        String link = draft.body().get("link").asText();
        assertThat(draft.body().get("mailtoUrl").asText()).startsWith("mailto:");
        expect(partnerships.post("/api/v1/partnership-invitations/" + link.substring(link.lastIndexOf('/') + 1)
                + "/accept", resellerAdmin, null), 201);
        assertThat(partnerships.get("/api/v1/partnerships?state=active", admin).body().get("totalCount").asLong())
                .isEqualTo(1);

        // 2. A new customer for the reseller with subscriptions: review, then submit; credentials once.
        Map<String, Object> customer = new LinkedHashMap<>();
        String domain = "wingtip" + UUID.randomUUID().toString().substring(0, 8) + ".onmicrosoft.com";
        customer.put("companyProfile", Map.of("companyName", "Wingtip Toys", "domain", domain));
        customer.put("billingProfile", Map.of("firstName", "Jana", "lastName", "Novak", "email", "jana@wingtip.example",
                "culture", "de-DE", "language", "de", "companyName", "Wingtip Toys GmbH", "defaultAddress",
                Map.of("addressLine1", "Hauptstrasse 1", "city", "Berlin", "postalCode", "10115", "country", "DE")));
        customer.put("associatedPartnerId", reseller);
        customer.put("order", Map.of("lineItems", List.of(Map.of("offerId", "CFQ7TTC0LH18:0001", "quantity", 10,
                "partnerIdOnRecord", pla))));
        await().atMost(Duration.ofSeconds(60)).until(() ->
                customers.post("/api/v1/customers/validation", sales, customer).status() == 200);
        var created = expect(customers.post("/api/v1/customers", sales, customer), 201);
        String customerId = created.body().get("id").asText();
        String password = created.body().get("userCredentials").get("password").asText();
        assertThat(password).hasSize(16);
        assertThat(customers.get("/api/v1/customers/" + customerId, admin).raw()).doesNotContain(password);
        String customerPath = "/api/v1/customers/" + customerId;
        // the subscription service knows the customer (404 until then) and fulfilled its initial order
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var list = subscriptions.get(customerPath + "/subscriptions", admin);
            return list.status() == 200 && list.body().get("totalCount").asLong() == 1;
        });

        // 3. More subscriptions for the customer.
        await().atMost(Duration.ofSeconds(30)).until(() -> subscriptions.post(customerPath + "/orders/validation", sales,
                Map.of("lineItems", List.of(Map.of("offerId", "CFQ7TTC0LHXM:0001", "quantity", 5)))).status() == 200);
        expect(subscriptions.post(customerPath + "/orders", sales, Map.of("lineItems",
                List.of(Map.of("offerId", "CFQ7TTC0LHXM:0001", "quantity", 5)))), 201);
        JsonNode teams = subscriptions.get(customerPath + "/subscriptions", admin).body().get("items").findParents("offerId")
                .stream().filter(s -> s.get("offerId").asText().equals("CFQ7TTC0LHXM:0001")).findFirst().orElseThrow();
        String teamsPath = customerPath + "/subscriptions/" + teams.get("id").asText();
        assertThat(teams.get("partnerId")).isNull();

        // 4. Verify the PartnerID (the PGA id is refused, the PLA id passes), then make it reseller of record.
        assertThat(partnerships.get("/api/v1/resellers/verify?partnerId=" + pga, sales).body().get("code").asText())
                .isEqualTo("2204");
        assertThat(partnerships.get("/api/v1/resellers/verify?partnerId=" + pla, sales).body().get("verified")
                .asBoolean()).isTrue();
        String etag = subscriptions.get(teamsPath, admin).headers().firstValue("ETag").orElseThrow();
        assertThat(expect(subscriptions.send("PATCH", teamsPath, sales, Map.of("partnerId", pla), etag), 200).body()
                .get("partnerId").asText()).isEqualTo(pla);

        // 5. Designate it support contact.
        expect(subscriptions.put(teamsPath + "/supportcontact", helpdesk, Map.of("supportTenantId", reseller,
                "supportMpnId", pla, "name", "Fabrikam support")), 200);

        // The associations view, rebuilt from the streams, answers before the removal.
        String associations = "/api/v1/resellers/" + reseller + "/associations";
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode counts = partnerships.get(associations, admin).body().get("counts");
            return counts.get("partnership").asLong() == 1 && counts.get("customer_admin").asLong() == 1
                    && counts.get("reseller_of_record").asLong() == 2 && counts.get("support_contact").asLong() == 1;
        });

        // 6. Remove the partnership: refused without the attestation; with it, nothing cascades and nobody but the
        //    provider is told.
        assertThat(partnerships.delete("/api/v1/partnerships/" + reseller, admin, Map.of("reason", "x")).status())
                .isEqualTo(422);
        var removed = expect(partnerships.delete("/api/v1/partnerships/" + reseller, admin,
                Map.of("goodFaithAttestation", true, "reason", "The reseller left the program")), 200);
        assertThat(removed.body().get("notice").asText()).contains("No notice was sent");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                partnerships.get(associations, admin).body().get("counts").get("partnership").asLong() == 0);
        // Nothing cascades, checked once every service has consumed the removal: a late cascade would show here.
        stack.awaitConsumed("customer-service.partner-view", "csp.partnerships.events");
        stack.awaitConsumed("subscription-service.partner-view", "csp.partnerships.events");
        stack.awaitConsumed("notification-service", "csp.partnerships.events");
        JsonNode teamsAfter = subscriptions.get(teamsPath, admin).body();
        assertThat(teamsAfter.path("partnerId").asText()).as("the reseller of record stays").isEqualTo(pla);
        assertThat(teamsAfter.path("supportContact").path("supportTenantId").asText()).as("the support contact stays")
                .isEqualTo(reseller.toString());
        assertThat(subscriptions.get(customerPath + "/subscriptions?partnerId=" + pla, admin).body().get("totalCount")
                .asLong()).isEqualTo(2);
        // ...and once the associations view has consumed whatever the services published since.
        for (String topic : List.of("csp.customers.events", "csp.subscriptions.events")) {
            stack.awaitConsumed(associationsGroup(partnerships), topic);
        }
        JsonNode after = partnerships.get(associations, admin).body().get("counts");
        assertThat(after.get("customer_admin").asLong()).as("delegated admin stays").isEqualTo(1);
        assertThat(after.get("reseller_of_record").asLong()).isEqualTo(2);
        assertThat(after.get("support_contact").asLong()).isEqualTo(1);
        assertThat(customers.get(customerPath, admin).body().get("associatedPartnerId").asText())
                .as("the customer stays with its reseller").isEqualTo(reseller.toString());
        assertThat(customers.get(customerPath, TOKENS.reseller(reseller, "AdminAgent")).status()).isEqualTo(200);
        // new transactions naming the reseller are refused
        Map<String, Object> namingTheReseller = Map.of("partnerOnRecordAttestationAccepted", true, "lineItems",
                List.of(Map.of("offerId", "CFQ7TTC0LH18:0001", "quantity", 1, "partnerIdOnRecord", pla)));
        await().atMost(Duration.ofSeconds(30)).until(() -> subscriptions.post(customerPath + "/orders/validation",
                sales, namingTheReseller).raw().contains("reseller-not-partnered"));
        assertThat(subscriptions.post(customerPath + "/orders", sales, namingTheReseller).status()).isEqualTo(422);

        // Notifications: the provider learns of the removal with its duty of notice; the reseller is told nothing.
        await().atMost(Duration.ofSeconds(60)).until(() -> notifications.get(
                "/api/v1/notifications?type=partnership_removed", admin).body().get("totalCount").asLong() == 1);
        assertThat(notifications.get("/api/v1/notifications?type=partnership_removed", resellerAdmin).body()
                .get("totalCount").asLong()).isZero();
        assertThat(notifications.get("/api/v1/notifications?type=customer_created_for_reseller", resellerAdmin).body()
                .get("totalCount").asLong()).isEqualTo(1);
        // Point in time: before the removal the reseller was partnered.
        JsonNode history = partnerships.get("/api/v1/subscriptions/" + teams.get("id").asText()
                + "/reseller-of-record-history", admin).body();
        assertThat(history.get("items")).hasSize(1);
        return new Walkthrough(provider, reseller);
    }

    /** The consumer group of the associations view's active generation. */
    private static String associationsGroup(HttpApi partnerships) {
        return "partnership-service.associations.g" + partnerships.get("/api/v1/operations/associations/rebuild",
                TOKENS.platform("Operator")).body().get("activeGeneration").asInt();
    }

    private static HttpApi.Response expect(HttpApi.Response response, int status) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        return response;
    }
}
