package com.cspchannel.partnership.web;

import com.cspchannel.infra.DevTokens;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens, roles and tenants: nobody acts without a valid token, a role the action needs, or across tenants. */
class SecurityIT extends IntegrationTest {

    @Test
    void withoutATokenEveryApiAnswers401AsProblemDetails() {
        var response = api.get("/api/v1/partnerships", null);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("unauthorized");
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(api.post("/api/v1/resellers", null, Map.of()).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/resellers/verify?partnerId=1234567", null).status()).isEqualTo(401);
    }

    @Test
    void healthAndMetricsAnswerWithoutAToken() {
        assertThat(api.get("/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        var metrics = api.get("/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw()).contains("csp_relay_lag_events").contains("application=\"partnership-service\"")
                .contains("http_server_requests");
    }

    @Test
    void aTokenSignedWithAnotherSecretOrExpiredOrWithoutTenantIsRefused() {
        UUID provider = UUID.randomUUID();
        String forged = new DevTokens("another-secret-that-is-long-enough-for-hs256!!").provider(provider, "GlobalAdmin");
        assertThat(api.get("/api/v1/partnerships", forged).status()).isEqualTo(401);
        String expired = TOKENS.token(provider, "provider", "u1", List.of("GlobalAdmin"), Duration.ofSeconds(-120));
        assertThat(api.get("/api/v1/partnerships", expired).status()).isEqualTo(401);
        String noTenant = TOKENS.token(null, "provider", "u1", List.of("GlobalAdmin"), Duration.ofHours(1));
        assertThat(api.get("/api/v1/partnerships", noTenant).status()).isEqualTo(401);
        String unknownType = TOKENS.token(provider, "distributor", "u1", List.of("GlobalAdmin"), Duration.ofHours(1));
        assertThat(api.get("/api/v1/partnerships", unknownType).status()).isEqualTo(401);
    }

    @Test
    void aTokenWithoutAnExpiryOrFromAnotherIssuerIsRefusedAndAWellFormedOneIsNot() throws Exception {
        UUID provider = UUID.randomUUID();
        String valid = signed(new JWTClaimsSet.Builder().issuer(DevTokens.DEV_ISSUER)
                .expirationTime(Date.from(Instant.now().plusSeconds(600))), provider);
        assertThat(api.get("/api/v1/partnerships", valid).status()).isEqualTo(200);
        String neverExpires = signed(new JWTClaimsSet.Builder().issuer(DevTokens.DEV_ISSUER), provider);
        assertThat(api.get("/api/v1/partnerships", neverExpires).status()).isEqualTo(401);
        String otherIssuer = signed(new JWTClaimsSet.Builder().issuer("https://login.example/other")
                .expirationTime(Date.from(Instant.now().plusSeconds(600))), provider);
        assertThat(api.get("/api/v1/partnerships", otherIssuer).status()).isEqualTo(401);
        String noIssuer = signed(new JWTClaimsSet.Builder()
                .expirationTime(Date.from(Instant.now().plusSeconds(600))), provider);
        assertThat(api.get("/api/v1/partnerships", noIssuer).status()).isEqualTo(401);
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndHstsWhenTheClientCameOverTls() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> plain = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/partnerships")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(401);
        assertThat(plain.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("default-src 'none'").contains("frame-ancestors 'none'");
        assertThat(plain.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(plain.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
        HttpResponse<String> overTls = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/partnerships")).header("X-Forwarded-Proto", "https")
                .header("Authorization", "Bearer " + TOKENS.provider(UUID.randomUUID(), "GlobalAdmin")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(overTls.statusCode()).isEqualTo(200);
        assertThat(overTls.headers().firstValue("Strict-Transport-Security")).get().asString()
                .contains("max-age=31536000");
    }

    @Test
    void aPathTheFirewallRefusesIsAProblemDetails400() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (String path : List.of("/api/v1/resellers/a%2Fb", "/api/v1/resellers;x=1", "/api/v1/resellers/%00")) {
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + path)).header("Authorization", "Bearer " + directoryAdmin()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(path).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).as(path).get().asString()
                    .startsWith("application/problem+json");
            assertThat(refused.body()).as(path).contains("\"code\":\"rejected-request\"");
        }
    }

    /** A provider GlobalAdmin's token with the given issuer and expiry, signed with the development secret. */
    private static String signed(JWTClaimsSet.Builder claims, UUID provider) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.subject("u1")
                .claim("tid", provider.toString()).claim("roles", List.of("GlobalAdmin"))
                .claim("partner_type", "provider").build());
        jwt.sign(new MACSigner(DevTokens.DEV_SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    @Test
    void rolesDecideWhoMayInviteRemoveAndFeedTheDirectory() {
        UUID provider = UUID.randomUUID();
        UUID reseller = UUID.randomUUID();
        registerProvider(provider, "Contoso", "4847383");
        enrolReseller(reseller, "Fabrikam", "Europe", List.of("61" + (10000 + new java.util.Random().nextInt(80000))),
                "62" + (10000 + new java.util.Random().nextInt(80000)), "Europe");

        var helpdesk = api.post("/api/v1/partnership-invitations", TOKENS.provider(provider, "HelpdeskAgent"), Map.of());
        assertThat(helpdesk.status()).isEqualTo(403);
        assertThat(helpdesk.code()).isEqualTo("forbidden");
        assertThat(api.post("/api/v1/partnership-invitations", TOKENS.provider(provider, "AdminAgent"), Map.of())
                .status()).isEqualTo(201);
        assertThat(partner(provider, reseller).status()).isEqualTo(201);

        long before = storedEvents();
        Map<String, Object> attested = Map.of("goodFaithAttestation", true, "reason", "r");
        assertThat(api.delete("/api/v1/partnerships/" + reseller, TOKENS.provider(provider, "SalesAgent"), attested)
                .status()).isEqualTo(403);
        assertThat(api.delete("/api/v1/partnerships/" + reseller, TOKENS.provider(provider, "AdminAgent"), attested)
                .status()).isEqualTo(403);
        assertThat(storedEvents()).isEqualTo(before);

        // Only the platform's DirectoryAdmin writes the shared directory; providers and resellers may not.
        var enrol = Map.of("resellerTenantId", UUID.randomUUID(), "profile", Map.of("name", "X",
                "contactEmail", "x@x.example", "country", "DE", "cspRegion", "Europe",
                "plaPartnerIds", List.of("5555555"), "pgaPartnerId", "5555556"));
        assertThat(api.post("/api/v1/resellers", TOKENS.provider(provider, "GlobalAdmin"), enrol).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/resellers", TOKENS.reseller(reseller, "GlobalAdmin"), enrol).status()).isEqualTo(403);
        // A reseller's Admin agent cannot accept invitations: only its Global admin can.
        var draft = api.post("/api/v1/partnership-invitations", TOKENS.provider(provider, "GlobalAdmin"), Map.of());
        assertThat(api.post("/api/v1/partnership-invitations/" + tokenOf(draft) + "/accept",
                TOKENS.reseller(reseller, "AdminAgent"), null).status()).isEqualTo(403);
        // A provider user cannot accept an invitation as if it were a reseller.
        assertThat(api.post("/api/v1/partnership-invitations/" + tokenOf(draft) + "/accept",
                TOKENS.provider(reseller, "GlobalAdmin"), null).status()).isEqualTo(403);
        assertThat(storedEvents()).isEqualTo(before + 2);
    }

    @Test
    void aProviderNeverSeesOrChangesAnotherProvidersPartnerships() {
        UUID contoso = UUID.randomUUID();
        UUID adatum = UUID.randomUUID();
        UUID reseller = UUID.randomUUID();
        registerProvider(contoso, "Contoso", "4847383");
        registerProvider(adatum, "Adatum", "4847399");
        enrolReseller(reseller, "Fabrikam", "Europe", List.of("63" + (10000 + new java.util.Random().nextInt(80000))),
                "64" + (10000 + new java.util.Random().nextInt(80000)), "Europe");
        assertThat(partner(contoso, reseller).status()).isEqualTo(201);

        var adatumList = api.get("/api/v1/partnerships", TOKENS.provider(adatum, "GlobalAdmin"));
        assertThat(adatumList.status()).isEqualTo(200);
        assertThat(adatumList.body().get("totalCount").asLong()).isZero();
        var removal = api.delete("/api/v1/partnerships/" + reseller, TOKENS.provider(adatum, "GlobalAdmin"),
                Map.of("goodFaithAttestation", true, "reason", "hostile"));
        assertThat(removal.status()).isEqualTo(404);
        assertThat(api.get("/api/v1/partnerships?state=active", TOKENS.provider(contoso, "GlobalAdmin")).body()
                .get("totalCount").asLong()).isEqualTo(1);
        // Each sees its own profile only.
        assertThat(api.get("/api/v1/provider-profile", TOKENS.provider(adatum, "HelpdeskAgent")).body().get("name")
                .asText()).isEqualTo("Adatum");
        // A reseller reads its own directory entry, not another reseller's.
        UUID other = UUID.randomUUID();
        assertThat(api.get("/api/v1/resellers/" + reseller, TOKENS.reseller(reseller, "AdminAgent")).status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/resellers/" + reseller, TOKENS.reseller(other, "GlobalAdmin")).status())
                .isEqualTo(403);
    }
}
