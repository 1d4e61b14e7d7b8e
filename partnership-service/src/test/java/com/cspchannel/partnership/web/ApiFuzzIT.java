package com.cspchannel.partnership.web;

import com.cspchannel.platform.test.ApiFuzzer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the partnership-service's OpenAPI document (directory, providers, invitations,
 * partnerships, associations), with generated and mutated requests from a provider's, a reseller's and the
 * directory's users: never a 5xx, every error problem details, no event from a refused request.
 */
class ApiFuzzIT extends IntegrationTest {

    @Test
    void noRequestBreaksTheApisPromises() {
        int n = ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        UUID provider = UUID.randomUUID();
        UUID reseller = UUID.randomUUID();
        registerProvider(provider, "Contoso", "4" + (n % 1_000_000));
        enrolReseller(reseller, "Fabrikam" + n, "Europe", List.of("5" + n), "6" + n, "Europe");
        String admin = TOKENS.provider(provider, "GlobalAdmin");
        var pending = api.post("/api/v1/partnership-invitations", admin, Map.of("resellerTenantId", reseller));
        var another = api.post("/api/v1/partnership-invitations", admin, Map.of());
        assertThat(pending.status()).isEqualTo(201);

        ApiFuzzer.Report report = fuzzEveryOperation(Map.of("providerTenantId", provider.toString(),
                        "resellerTenantId", reseller.toString(), "invitationId", pending.body().get("invitationId")
                                .asText(), "token", tokenOf(another), "partnerId", "5" + n, "cspRegion", "Europe",
                        "country", "DE", "preferredLanguage", "en-US"),
                List.of(admin, TOKENS.reseller(reseller, "GlobalAdmin"), directoryAdmin()), 1000);
        assertThat(report.requests()).isGreaterThan(report.operations() * 20);
    }
}
