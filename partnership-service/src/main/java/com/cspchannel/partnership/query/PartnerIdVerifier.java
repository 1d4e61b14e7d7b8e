package com.cspchannel.partnership.query;

import com.cspchannel.events.partnership.ProgramStatus;
import com.cspchannel.partnership.query.PartnerIdVerification.ResellerSummary;
import com.cspchannel.rules.partner.PartnerIdRules;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Verifies a PartnerID for a provider before it is used for a transaction or as reseller of record, with
 * {@link PartnerIdRules#verify} on this service's own directory, and says who the id belongs to.
 */
@Component
public class PartnerIdVerifier {

    private final PartnershipQueries queries;

    public PartnerIdVerifier(PartnershipQueries queries) {
        this.queries = queries;
    }

    public PartnerIdVerification verify(String partnerId, ProviderEntry provider) {
        // the provider's own id is refused before the directory is asked, and the answer names no reseller
        Optional<ResellerEntry> found = partnerId.equals(provider.partnerId()) ? Optional.empty()
                : queries.resellerByPartnerId(partnerId);
        ResellerSummary summary = found.map(r -> new ResellerSummary(r.resellerTenantId(), r.name(), r.cspRegion(),
                r.programStatus().name().toLowerCase(Locale.ROOT), r.plaPartnerIds().contains(partnerId)))
                .orElse(null);
        boolean partnered = found.flatMap(r -> queries.partnership(provider.providerTenantId(), r.resellerTenantId()))
                .filter(p -> p.state() == PartnershipEntry.State.active).isPresent();
        Optional<PartnerIdRules.Reseller> facts = found.map(r -> new PartnerIdRules.Reseller(
                r.plaPartnerIds().contains(partnerId), r.programStatus() == ProgramStatus.ACTIVE, r.cspRegion(),
                r.mpaSignedRegions()));
        return PartnerIdRules.verify(partnerId, new PartnerIdRules.Provider(provider.partnerId(), provider.cspRegion()),
                        facts)
                .map(refusal -> new PartnerIdVerification(partnerId, false, refusal.code(),
                        refusal.partnerCenterCodes(), refusal.message(), summary, partnered))
                .orElseGet(() -> new PartnerIdVerification(partnerId, true, "ok", List.of(), "The PartnerID is a "
                        + "valid PLA id of an active indirect reseller with a signed MPA in your region.", summary,
                        partnered));
    }
}
