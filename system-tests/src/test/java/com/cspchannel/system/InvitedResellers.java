package com.cspchannel.system;

import com.cspchannel.infra.CustomerRequests;
import com.cspchannel.infra.HttpApi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.cspchannel.system.SystemStack.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new provider and {@code count} new resellers, each enrolled, compliant for Europe and invited once: what a burst
 * of acceptances needs. Set up over the partnership service's API only.
 *
 * @param provider the provider's tenant id
 * @param admin    a GlobalAdmin token of the provider
 * @param pla      each reseller's PLA PartnerID
 * @param accept   each reseller's path to accept its invitation (a link can be used once)
 */
record InvitedResellers(UUID provider, String admin, Map<UUID, String> pla, Map<UUID, String> accept) {

    static InvitedResellers create(HttpApi partnerships, int count) {
        UUID provider = UUID.randomUUID();
        String directory = TOKENS.platform("DirectoryAdmin");
        String admin = TOKENS.provider(provider, "GlobalAdmin");
        ok(partnerships.put("/api/v1/providers/" + provider, directory, Map.of("name", "Adatum", "contactEmail",
                "csp@adatum.example", "cspRegion", "Europe", "partnerId", PartnerIds.provider())));
        Map<UUID, String> pla = new LinkedHashMap<>();
        Map<UUID, String> accept = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            UUID reseller = UUID.randomUUID();
            String id = PartnerIds.pla();
            ok(partnerships.post("/api/v1/resellers", directory, Map.of("resellerTenantId", reseller, "profile",
                    Map.of("name", "Reseller " + i, "contactEmail", "r" + i + "@example.org", "country", "DE",
                            "cspRegion", "Europe", "plaPartnerIds", List.of(id), "pgaPartnerId", PartnerIds.pga()))));
            ok(partnerships.put("/api/v1/resellers/" + reseller + "/compliance", directory,
                    Map.of("mpaSignedRegions", List.of("Europe"), "programStatus", "active")));
            String link = partnerships.post("/api/v1/partnership-invitations", admin, Map.of("resellerTenantId",
                    reseller)).body().get("link").asText();
            pla.put(reseller, id);
            accept.put(reseller, "/api/v1/partnership-invitations/" + link.substring(link.lastIndexOf('/') + 1)
                    + "/accept");
        }
        return new InvitedResellers(provider, admin, Map.copyOf(pla), Map.copyOf(accept));
    }

    /** Accepts {@code reseller}'s invitation as its GlobalAdmin, with an Idempotency-Key a retry can repeat. */
    HttpApi.Response accept(HttpApi partnerships, UUID reseller) {
        return partnerships.send("POST", accept.get(reseller), TOKENS.reseller(reseller, "GlobalAdmin"), null, null,
                "accept-" + reseller);
    }

    /** A customer for a new company, associated with {@code reseller} (none when null), without an order. */
    static Map<String, Object> customerFor(UUID reseller) {
        return CustomerRequests.newCustomer(reseller, null);
    }

    private static void ok(HttpApi.Response response) {
        assertThat(response.status()).as(response.raw()).isBetween(200, 201);
    }
}
