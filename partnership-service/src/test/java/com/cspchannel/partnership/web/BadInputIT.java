package com.cspchannel.partnership.web;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Client mistakes get a 4xx problem with a stable code and field errors, never a 500, and change nothing. */
class BadInputIT extends IntegrationTest {

    @Test
    void malformedJsonIs400AndStoresNothing() {
        long before = storedEvents();
        var response = api.post("/api/v1/resellers", directoryAdmin(), "{\"resellerTenantId\": ");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("malformed-request");
        assertThat(response.raw()).doesNotContain("Exception").doesNotContain("at com.");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void missingAndInvalidFieldsAreListedOneByOne() {
        long before = storedEvents();
        var response = api.post("/api/v1/resellers", directoryAdmin(), Map.of("resellerTenantId", UUID.randomUUID(),
                "profile", Map.of("name", "", "contactEmail", "not-an-email", "country", "XX", "cspRegion", "Europe",
                        "plaPartnerIds", List.of("12ab"), "pgaPartnerId", "5100000")));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("invalid-request");
        String errors = response.body().get("errors").toString();
        assertThat(errors).contains("profile.name").contains("profile.contactEmail")
                .contains("profile.plaPartnerIds[0]").contains("profile.countryKnown");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void wrongIdFormatsAre400WithTheParameterNamed() {
        var badUuid = api.get("/api/v1/resellers/not-a-uuid", directoryAdmin());
        assertThat(badUuid.status()).isEqualTo(400);
        assertThat(badUuid.code()).isEqualTo("invalid-parameter");
        assertThat(badUuid.body().get("errors").get(0).get("field").asText()).isEqualTo("resellerTenantId");

        var badTenantInBody = api.post("/api/v1/resellers", directoryAdmin(), Map.of("resellerTenantId", "123",
                "profile", Map.of()));
        assertThat(badTenantInBody.status()).isEqualTo(400);
        assertThat(badTenantInBody.body().get("errors").get(0).get("field").asText()).isEqualTo("resellerTenantId");

        UUID provider = UUID.randomUUID();
        registerProvider(provider, "Contoso", "4847383");
        var badPartnerId = api.get("/api/v1/resellers/verify?partnerId=12-34", TOKENS.provider(provider, "SalesAgent"));
        assertThat(badPartnerId.status()).isEqualTo(400);
        assertThat(badPartnerId.code()).isEqualTo("2200");
        var missing = api.get("/api/v1/resellers/verify", TOKENS.provider(provider, "SalesAgent"));
        assertThat(missing.status()).isEqualTo(400);
        var badPage = api.get("/api/v1/partnerships?size=100000", TOKENS.provider(provider, "SalesAgent"));
        assertThat(badPage.status()).isEqualTo(400);
        var badState = api.get("/api/v1/partnerships?state=deleted", TOKENS.provider(provider, "SalesAgent"));
        assertThat(badState.status()).isEqualTo(400);
    }

    @Test
    void anInvitationWhoseEditedBodyDropsTheLinkIsRefusedBeforeAnythingIsIssued() {
        UUID provider = UUID.randomUUID();
        registerProvider(provider, "Contoso", "4847383");
        long before = storedEvents();
        var response = api.post("/api/v1/partnership-invitations", TOKENS.provider(provider, "GlobalAdmin"),
                Map.of("body", "Dear reseller, let us work together."));
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.code()).isEqualTo("invitation-link-missing");
        assertThat(storedEvents()).isEqualTo(before);
        var edited = api.post("/api/v1/partnership-invitations", TOKENS.provider(provider, "GlobalAdmin"),
                Map.of("body", "Dear reseller, accept here: {link}"));
        assertThat(edited.status()).isEqualTo(201);
        assertThat(edited.body().get("body").asText()).isEqualTo("Dear reseller, accept here: "
                + edited.body().get("link").asText());
    }

    @Test
    void aForgedOrUnknownInvitationTokenIs404AndARegionMismatchIs2201() {
        UUID provider = UUID.randomUUID();
        UUID american = UUID.randomUUID();
        registerProvider(provider, "Contoso", "4847383");
        enrolReseller(american, "Tailspin", "North America", List.of("65" + (10000 + new java.util.Random().nextInt(80000))),
                "66" + (10000 + new java.util.Random().nextInt(80000)), "North America");
        String reseller = TOKENS.reseller(american, "GlobalAdmin");
        assertThat(api.post("/api/v1/partnership-invitations/garbage/accept", reseller, null).code())
                .isEqualTo("invitation-not-found");
        var draft = api.post("/api/v1/partnership-invitations", TOKENS.provider(provider, "GlobalAdmin"), Map.of());
        String token = tokenOf(draft);
        String forged = token.substring(0, 33) + "A".repeat(43);
        assertThat(api.post("/api/v1/partnership-invitations/" + forged + "/accept", reseller, null).status())
                .isEqualTo(404);
        long before = storedEvents();
        var mismatch = api.post("/api/v1/partnership-invitations/" + token + "/accept", reseller, null);
        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.code()).isEqualTo("2201");
        assertThat(storedEvents()).isEqualTo(before);
        // An unenrolled reseller cannot accept.
        assertThat(api.post("/api/v1/partnership-invitations/" + token + "/accept",
                TOKENS.reseller(UUID.randomUUID(), "GlobalAdmin"), null).code()).isEqualTo("reseller-not-enrolled");
    }

    @Test
    void enrollingTwiceOrReusingAnotherResellersPartnerIdIs409AndAStaleETagIs412() {
        UUID first = UUID.randomUUID();
        String pla = "67" + (10000 + new java.util.Random().nextInt(80000));
        String pga = "68" + (10000 + new java.util.Random().nextInt(80000));
        enrolReseller(first, "Fabrikam", "Europe", List.of(pla), pga, null);
        Map<String, Object> again = Map.of("resellerTenantId", first, "profile", Map.of("name", "Fabrikam",
                "contactEmail", "a@f.example", "country", "DE", "cspRegion", "Europe", "plaPartnerIds", List.of("69000001"),
                "pgaPartnerId", "69000002"));
        assertThat(api.post("/api/v1/resellers", directoryAdmin(), again).code()).isEqualTo("already-enrolled");
        Map<String, Object> thief = Map.of("resellerTenantId", UUID.randomUUID(), "profile", Map.of("name", "Thief",
                "contactEmail", "t@t.example", "country", "DE", "cspRegion", "Europe", "plaPartnerIds", List.of(pla),
                "pgaPartnerId", "69000003"));
        var taken = api.post("/api/v1/resellers", directoryAdmin(), thief);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("partner-id-taken");

        var current = api.get("/api/v1/resellers/" + first, directoryAdmin());
        String etag = current.headers().firstValue("ETag").orElseThrow();
        var compliance = Map.of("mpaSignedRegions", List.of("Europe"), "programStatus", "active");
        var ok = api.send("PUT", "/api/v1/resellers/" + first + "/compliance", directoryAdmin(), compliance, etag);
        assertThat(ok.status()).isEqualTo(200);
        var stale = api.send("PUT", "/api/v1/resellers/" + first + "/compliance", directoryAdmin(),
                Map.of("mpaSignedRegions", List.of(), "programStatus", "suspended"), etag);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.code()).isEqualTo("etag-mismatch");
        assertThat(api.get("/api/v1/resellers/" + first, directoryAdmin()).body().get("programStatus").asText())
                .isEqualTo("active");
    }
}
