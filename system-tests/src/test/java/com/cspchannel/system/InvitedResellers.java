package com.cspchannel.system;

import com.cspchannel.client.ApiClients;
import com.cspchannel.client.partnership.api.DirectoryApi;
import com.cspchannel.client.partnership.api.PartnershipsApi;
import com.cspchannel.client.partnership.model.ComplianceRequest;
import com.cspchannel.client.partnership.model.EnrolResellerRequest;
import com.cspchannel.client.partnership.model.InvitationRequest;
import com.cspchannel.client.partnership.model.ProviderProfileRequest;
import com.cspchannel.client.partnership.model.ResellerProfile;
import com.cspchannel.infra.CustomerRequests;
import com.cspchannel.infra.HttpApi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.cspchannel.system.Clients.ok;
import static com.cspchannel.system.SystemStack.TOKENS;

/**
 * A new provider and {@code count} new resellers, each enrolled, compliant for Europe and invited once: what a burst
 * of acceptances needs. Set up over the partnership service's API only, with the client generated from its document.
 *
 * @param provider the provider's tenant id
 * @param admin    a GlobalAdmin token of the provider
 * @param pla      each reseller's PLA PartnerID
 * @param accept   each reseller's path to accept its invitation (a link can be used once)
 */
record InvitedResellers(UUID provider, String admin, Map<UUID, String> pla, Map<UUID, String> accept) {

    /** Sets up through the replica {@code partnerships} talks to. */
    static InvitedResellers create(HttpApi partnerships, int count) {
        UUID provider = UUID.randomUUID();
        String admin = TOKENS.provider(provider, "GlobalAdmin");
        DirectoryApi directory = new DirectoryApi(ApiClients.partnership(partnerships.baseUrl(),
                TOKENS.platform("DirectoryAdmin")));
        PartnershipsApi invitations = new PartnershipsApi(ApiClients.partnership(partnerships.baseUrl(), admin));
        ok(() -> directory.saveProvider(provider, new ProviderProfileRequest().name("Adatum")
                .contactEmail("csp@adatum.example").cspRegion("Europe").partnerId(PartnerIds.provider()), null));
        Map<UUID, String> pla = new LinkedHashMap<>();
        Map<UUID, String> accept = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            UUID reseller = UUID.randomUUID();
            String id = PartnerIds.pla();
            ResellerProfile profile = new ResellerProfile().name("Reseller " + i).contactEmail("r" + i + "@example.org")
                    .country("DE").cspRegion("Europe").plaPartnerIds(List.of(id)).pgaPartnerId(PartnerIds.pga());
            ok(() -> directory.enrol(new EnrolResellerRequest().resellerTenantId(reseller).profile(profile), null));
            ok(() -> directory.changeCompliance(reseller, new ComplianceRequest().mpaSignedRegions(List.of("Europe"))
                    .programStatus(ComplianceRequest.ProgramStatusEnum.ACTIVE), null, null));
            String link = ok(() -> invitations.requestPartnership(null, null, null,
                    new InvitationRequest().resellerTenantId(reseller))).getLink();
            pla.put(reseller, id);
            accept.put(reseller, "/api/v1/partnership-invitations/" + Clients.invitationToken(link) + "/accept");
        }
        return new InvitedResellers(provider, admin, Map.copyOf(pla), Map.copyOf(accept));
    }

    /**
     * Accepts {@code reseller}'s invitation as its GlobalAdmin, with an Idempotency-Key a retry can repeat. Raw
     * HTTP on purpose: the fault tests replay this very request on another replica or after a crash and read
     * whatever status or lost connection comes back, which a generated client would turn into exceptions.
     */
    HttpApi.Response accept(HttpApi partnerships, UUID reseller) {
        return partnerships.send("POST", accept.get(reseller), TOKENS.reseller(reseller, "GlobalAdmin"), null, null,
                "accept-" + reseller);
    }

    /** A customer for a new company, associated with {@code reseller} (none when null), without an order. */
    static Map<String, Object> customerFor(UUID reseller) {
        return CustomerRequests.newCustomer(reseller, null);
    }
}
