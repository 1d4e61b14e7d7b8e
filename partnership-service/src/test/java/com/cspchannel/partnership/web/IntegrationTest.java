package com.cspchannel.partnership.web;

import com.cspchannel.infra.HttpApi;
import com.cspchannel.platform.test.MovableClock;
import com.cspchannel.platform.test.ServiceIntegrationTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The partnership service on a random port, with its own new database on a real PostgreSQL and a real Kafka
 * broker (a broker process started for the test JVM), accepting development tokens.
 */
@Import(IntegrationTest.Clocks.class)
abstract class IntegrationTest extends ServiceIntegrationTest {

    /**
     * The service's clock: the system's, unless a test moves it (an invitation past its expiry) and releases it
     * after. One clock for every test class, so that all share one application context.
     */
    static final MovableClock CLOCK = new MovableClock();

    @TestConfiguration
    static class Clocks {
        @Bean
        Clock clock() {
            return CLOCK;
        }
    }

    String directoryAdmin() {
        return TOKENS.platform("DirectoryAdmin");
    }

    /** Registers a provider in Europe with PartnerID {@code partnerId}. */
    void registerProvider(UUID provider, String name, String partnerId) {
        var response = api.put("/api/v1/providers/" + provider, directoryAdmin(), Map.of(
                "name", name, "contactEmail", "csp@" + name.toLowerCase() + ".example", "cspRegion", "Europe",
                "partnerId", partnerId, "preferredLanguage", "en-US"));
        if (response.status() != 201 && response.status() != 200) {
            throw new AssertionError("provider registration failed: " + response.raw());
        }
    }

    /** Enrols a reseller and, when {@code mpaRegion} is not null, records its MPA for that region. */
    void enrolReseller(UUID reseller, String name, String region, List<String> pla, String pga, String mpaRegion) {
        var response = api.post("/api/v1/resellers", directoryAdmin(), Map.of("resellerTenantId", reseller,
                "profile", Map.of("name", name, "contactEmail", "admin@" + name.toLowerCase() + ".example",
                        "country", "DE", "cspRegion", region, "plaPartnerIds", pla, "pgaPartnerId", pga)));
        if (response.status() != 201) {
            throw new AssertionError("enrolment failed: " + response.raw());
        }
        if (mpaRegion != null) {
            var compliance = api.put("/api/v1/resellers/" + reseller + "/compliance", directoryAdmin(),
                    Map.of("mpaSignedRegions", List.of(mpaRegion), "programStatus", "active"));
            if (compliance.status() != 200) {
                throw new AssertionError("compliance failed: " + compliance.raw());
            }
        }
    }

    /** Issues an invitation as the provider and accepts it as the reseller's Global admin. */
    HttpApi.Response partner(UUID provider, UUID reseller) {
        var draft = api.post("/api/v1/partnership-invitations", TOKENS.provider(provider, "GlobalAdmin"), Map.of());
        if (draft.status() != 201) {
            throw new AssertionError("invitation failed: " + draft.raw());
        }
        return api.post("/api/v1/partnership-invitations/" + tokenOf(draft) + "/accept",
                TOKENS.reseller(reseller, "GlobalAdmin"), null);
    }

    static String tokenOf(HttpApi.Response draft) {
        String link = draft.body().get("link").asText();
        return link.substring(link.lastIndexOf('/') + 1);
    }
}
