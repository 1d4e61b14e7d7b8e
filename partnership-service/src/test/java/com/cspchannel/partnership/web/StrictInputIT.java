package com.cspchannel.partnership.web;

import com.cspchannel.infra.HttpApi;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input that used to be read loosely or to reach the database is refused with a 400 that names the field, and
 * stores nothing: a misspelt field, a key given twice, a control character, a coerced number, a non-canonical or
 * nil UUID, an instant the database cannot hold, an If-Match that names no version.
 */
class StrictInputIT extends IntegrationTest {

    /** A reseller profile with PartnerIDs of its own (they are unique across the directory). */
    private static final String PROFILE = """
            {"name": "Fabrikam", "contactEmail": "admin@fabrikam.example", "country": "DE", "cspRegion": "Europe",
             "plaPartnerIds": ["5PLA"], "pgaPartnerId": "6PGA"}""";

    private HttpApi.Response enrol(String profileJson) {
        String n = Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999));
        return api.post("/api/v1/resellers", directoryAdmin(), "{\"resellerTenantId\": \"" + UUID.randomUUID()
                + "\", \"profile\": " + profileJson.replace("PLA", n).replace("PGA", n) + "}");
    }

    private void refusedNaming(HttpApi.Response response, String code, String field) {
        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("invalid-request");
        assertThat(response.body().get("errors").get(0).get("field").asText()).isEqualTo(field);
        assertThat(response.body().get("errors").get(0).get("code").asText()).isEqualTo(code);
    }

    @Test
    void aMisspeltFieldIsRefusedNamingItAndPartnerCentersEnvelopeFieldsAreIgnored() {
        long before = storedEvents();
        refusedNaming(enrol(PROFILE.replace("\"pgaPartnerId\"", "\"pgaPartnerID\"")), "unknown-field",
                "profile.pgaPartnerID");
        assertThat(storedEvents()).isEqualTo(before);
        HttpApi.Response enveloped = enrol(PROFILE.replace("{\"name\"",
                "{\"attributes\": {\"objectType\": \"ResellerProfile\"}, \"links\": {\"self\": {}}, \"name\""));
        assertThat(enveloped.status()).as(enveloped.raw()).isEqualTo(201);
    }

    @Test
    void aKeyGivenTwiceOrAControlCharacterIsRefusedAndStoresNothing() {
        long before = storedEvents();
        HttpApi.Response duplicate = enrol(PROFILE.replace("{\"name\": \"Fabrikam\",",
                "{\"name\": \"Fabrikam\", \"name\": \"Contoso\","));
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.code()).isEqualTo("malformed-request");
        refusedNaming(enrol(PROFILE.replace("Fabrikam", "Fabri\\u0000kam")), "invalid-format", "profile.name");
        refusedNaming(enrol(PROFILE.replace("\"Europe\"", "\"Eu\\u0007rope\"")), "invalid-format",
                "profile.cspRegion");
        refusedNaming(enrol(PROFILE.replace("[\"5PLA\"]", "[5123456]")), "invalid-format",
                "profile.plaPartnerIds[0]");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void nonCanonicalAndNilUuidsAndUnstorableInstantsAre400() {
        String admin = directoryAdmin();
        for (String id : List.of("11111111-1111-1111-1111-11111111111", "1-1-1-1-1",
                "00000000-0000-0000-0000-000000000000")) {
            HttpApi.Response response = api.get("/api/v1/resellers/" + id, admin);
            assertThat(response.status()).as(id).isEqualTo(400);
            assertThat(response.code()).isEqualTo("invalid-parameter");
        }
        HttpApi.Response nilInBody = api.post("/api/v1/resellers", admin,
                "{\"resellerTenantId\": \"00000000-0000-0000-0000-000000000000\", \"profile\": " + PROFILE + "}");
        refusedNaming(nilInBody, "invalid-format", "resellerTenantId");

        UUID provider = UUID.randomUUID();
        HttpApi.Response farPast = api.get("/api/v1/resellers/" + UUID.randomUUID()
                + "/associations?asOf=-999999999-01-01T00:00:00Z", TOKENS.provider(provider, "GlobalAdmin"));
        assertThat(farPast.status()).isEqualTo(400);
        assertThat(farPast.code()).isEqualTo("invalid-parameter");
    }

    @Test
    void anIfMatchThatNamesNoVersionIs412() {
        UUID reseller = UUID.randomUUID();
        String n = Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999));
        enrolReseller(reseller, "Fabrikam", "Europe", List.of("5" + n), "6" + n, null);
        long before = storedEvents();
        HttpApi.Response stale = api.send("PUT", "/api/v1/resellers/" + reseller + "/compliance", directoryAdmin(),
                Map.of("mpaSignedRegions", List.of("Europe"), "programStatus", "active"), "\"stale\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.code()).isEqualTo("etag-mismatch");
        assertThat(storedEvents()).isEqualTo(before);
    }
}
