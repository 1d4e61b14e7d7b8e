package com.cspchannel.partnership.web;

import com.cspchannel.partnership.query.InvitationEntry;
import com.cspchannel.partnership.query.PartnershipEntry;
import com.cspchannel.partnership.query.ProviderEntry;
import com.cspchannel.partnership.query.ResellerEntry;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Response bodies of the partnership API. */
final class Responses {

    static final String REMOVAL_NOTICE = "The partnership was removed. No notice was sent to the reseller or to "
            + "its customers. If your agreement requires notice, giving legal notice is your own duty. Customers "
            + "associated with the reseller were not removed, delegated admin privileges stay unchanged, and "
            + "subscriptions keep their reseller of record and support contact; new transactions naming this "
            + "reseller will be refused.";

    private Responses() {
    }

    record ProviderProfileView(UUID providerTenantId, String name, String contactEmail, String cspRegion,
                               String partnerId, String preferredLanguage) {
        static ProviderProfileView of(ProviderEntry e) {
            return new ProviderProfileView(e.providerTenantId(), e.name(), e.contactEmail(), e.cspRegion(),
                    e.partnerId(), e.preferredLanguage());
        }
    }

    record ResellerView(UUID resellerTenantId, String name, String contactEmail, String country, String cspRegion,
                        List<String> plaPartnerIds, String pgaPartnerId, String preferredLanguage,
                        List<String> mpaSignedRegions, String programStatus, Instant enrolledAt) {
        static ResellerView of(ResellerEntry e) {
            return new ResellerView(e.resellerTenantId(), e.name(), e.contactEmail(), e.country(), e.cspRegion(),
                    e.plaPartnerIds(), e.pgaPartnerId(), e.preferredLanguage(), e.mpaSignedRegions(),
                    e.programStatus().name().toLowerCase(Locale.ROOT), e.enrolledAt());
        }
    }

    /** A partnership as its provider sees it (the reseller's side) or as its reseller sees it. */
    record PartnershipView(UUID providerTenantId, String providerName, UUID resellerTenantId, String resellerName,
                           List<String> partnerIds, String cspRegion, String state, Instant since,
                           Instant removedAt, String removalReason) {
        /** The removal reason is the provider's own note: a reseller never sees it. */
        static PartnershipView of(PartnershipEntry e, boolean forProvider) {
            return new PartnershipView(e.providerTenantId(), e.providerName(), e.resellerTenantId(),
                    e.resellerName(), e.resellerPlaPartnerIds(), e.cspRegion(), e.state().name(), e.since(),
                    e.removedAt(), forProvider ? e.removalReason() : null);
        }
    }

    record RemovalView(PartnershipView partnership, boolean noticeSentToReseller, boolean noticeSentToCustomers,
                       String notice) {
    }

    record InvitationView(UUID providerTenantId, String providerName, String cspRegion, Instant expiresAt) {
    }

    /** An invitation as its provider lists it (never its link, which was shown once). */
    record InvitationSummary(UUID invitationId, String state, String resellerEmail, UUID invitedResellerTenantId,
                             UUID usedByResellerTenantId, String issuedBy, Instant issuedAt, Instant expiresAt,
                             Instant closedAt) {
        static InvitationSummary of(InvitationEntry e, Instant now) {
            return new InvitationSummary(e.invitationId(), e.stateAt(now).name(), e.resellerEmail(),
                    e.invitedResellerTenantId(), e.usedByResellerTenantId(), e.issuedBy(), e.issuedAt(),
                    e.expiresAt(), e.closedAt());
        }
    }
}
