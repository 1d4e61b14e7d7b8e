package com.cspchannel.partnership.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /resellers/verify} answers each documented refusal with Partner Center's codes: no MPA for the
 * provider's region (2203 / 900123), another region (2201), not active in the program (800039), unknown (3000 /
 * 800015); and a reseller that meets every rule is verified.
 */
class PartnerIdVerificationIT extends IntegrationTest {

    private final UUID provider = UUID.randomUUID();
    private final String sales = TOKENS.provider(provider, "SalesAgent");

    private record Enrolled(UUID tenant, String pla) {
    }

    private Enrolled enrol(String region, String mpaRegion) {
        int n = ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        UUID tenant = UUID.randomUUID();
        enrolReseller(tenant, "Reseller" + n, region, List.of("5" + n), "6" + n, mpaRegion);
        return new Enrolled(tenant, "5" + n);
    }

    private String enrolled(String region, String mpaRegion) {
        return enrol(region, mpaRegion).pla();
    }

    private JsonNode verify(String partnerId) {
        var answer = api.get("/api/v1/resellers/verify?partnerId=" + partnerId, sales);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.body();
    }

    private static void refused(JsonNode answer, String code, String... partnerCenterCodes) {
        assertThat(answer.get("verified").asBoolean()).as(answer.toString()).isFalse();
        assertThat(answer.get("code").asText()).isEqualTo(code);
        for (String pc : partnerCenterCodes) {
            assertThat(answer.get("partnerCenterCodes").toString()).contains(pc);
        }
    }

    @Test
    void eachRefusalHasItsPartnerCenterCode() {
        registerProvider(provider, "Contoso", "4" + ThreadLocalRandom.current().nextInt(100000, 999999));

        assertThat(verify(enrolled("Europe", "Europe")).get("verified").asBoolean()).isTrue();
        refused(verify(enrolled("Europe", null)), "2203", "900123");
        refused(verify(enrolled("North America", "North America")), "2201");
        Enrolled suspended = enrol("Europe", "Europe");
        assertThat(api.put("/api/v1/resellers/" + suspended.tenant() + "/compliance", directoryAdmin(),
                Map.of("mpaSignedRegions", List.of("Europe"), "programStatus", "suspended")).status()).isEqualTo(200);
        refused(verify(suspended.pla()), "800039");
        refused(verify("99999999991"), "3000", "800015");
    }
}
