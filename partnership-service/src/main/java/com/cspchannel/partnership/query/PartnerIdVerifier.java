package com.cspchannel.partnership.query;

import com.cspchannel.events.partnership.ProgramStatus;
import com.cspchannel.partnership.query.PartnerIdVerification.ResellerSummary;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Verifies a PartnerID for a provider before it is used for a transaction or as reseller of record: only a
 * PLA (location) id of an active, MPA-signed reseller in the provider's region, never the provider's own id.
 */
@Component
public class PartnerIdVerifier {

    private final PartnershipQueries queries;

    public PartnerIdVerifier(PartnershipQueries queries) {
        this.queries = queries;
    }

    public PartnerIdVerification verify(String partnerId, ProviderEntry provider) {
        if (partnerId.equals(provider.partnerId())) {
            return refused(partnerId, "2072", List.of("2072"),
                    "This is your own PartnerID; a provider cannot be its own partner of record.", null, false);
        }
        Optional<ResellerEntry> found = queries.resellerByPartnerId(partnerId);
        if (found.isEmpty()) {
            return refused(partnerId, "3000", List.of("3000", "800015"),
                    "No indirect reseller with this PartnerID was found.", null, false);
        }
        ResellerEntry reseller = found.get();
        boolean pla = reseller.plaPartnerIds().contains(partnerId);
        ResellerSummary summary = new ResellerSummary(reseller.resellerTenantId(), reseller.name(),
                reseller.cspRegion(), reseller.programStatus().name().toLowerCase(java.util.Locale.ROOT), pla);
        boolean partnered = queries.partnership(provider.providerTenantId(), reseller.resellerTenantId())
                .filter(p -> p.state() == PartnershipEntry.State.active).isPresent();
        if (!pla) {
            return refused(partnerId, "2204", List.of("2204", "800016"), "This is the reseller's PGA (global) "
                    + "PartnerID, which is not an indirect-reseller account: use one of its PLA (location) "
                    + "PartnerIDs.", summary, partnered);
        }
        if (reseller.programStatus() != ProgramStatus.ACTIVE) {
            return refused(partnerId, "800039", List.of("800039"),
                    "The reseller's CSP program status is not active.", summary, partnered);
        }
        if (!reseller.cspRegion().equalsIgnoreCase(provider.cspRegion())) {
            return refused(partnerId, "2201", List.of("2201"), "The reseller's CSP region (" + reseller.cspRegion()
                    + ") differs from yours (" + provider.cspRegion() + ").", summary, partnered);
        }
        if (!reseller.mpaSignedFor(provider.cspRegion())) {
            return refused(partnerId, "2203", List.of("2203", "900123"), "The reseller has not signed the "
                    + "Microsoft Partner Agreement for " + provider.cspRegion() + ".", summary, partnered);
        }
        return new PartnerIdVerification(partnerId, true, "ok", List.of(), "The PartnerID is a valid PLA id of an "
                + "active indirect reseller with a signed MPA in your region.", summary, partnered);
    }

    private static PartnerIdVerification refused(String partnerId, String code, List<String> codes, String message,
                                                 ResellerSummary reseller, boolean partnered) {
        return new PartnerIdVerification(partnerId, false, code, codes, message, reseller, partnered);
    }
}
