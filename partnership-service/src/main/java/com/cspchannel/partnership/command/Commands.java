package com.cspchannel.partnership.command;

import com.cspchannel.events.partnership.ProgramStatus;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The commands of the partnership service. Imperative names; each targets one aggregate. */
public final class Commands {

    private Commands() {
    }

    /** Registers an indirect provider or replaces its profile (the CSP program's registry feeds this). */
    public record SaveProviderProfile(@TargetAggregateIdentifier String providerId, UUID providerTenantId,
                                      String name, String contactEmail, String cspRegion, String partnerId,
                                      String preferredLanguage) {
    }

    /** Enrols a reseller in the directory of indirect resellers. */
    public record EnrolReseller(@TargetAggregateIdentifier String resellerId, UUID resellerTenantId, String name,
                                String contactEmail, String country, String cspRegion, List<String> plaPartnerIds,
                                String pgaPartnerId, String preferredLanguage) {
    }

    /** Replaces a reseller's directory profile. */
    public record UpdateResellerProfile(@TargetAggregateIdentifier String resellerId,
                                        @TargetAggregateVersion Long expectedVersion, String name,
                                        String contactEmail, String country, String cspRegion,
                                        List<String> plaPartnerIds, String pgaPartnerId, String preferredLanguage) {
    }

    /** Records the regions where the reseller signed the MPA and its program status. */
    public record ChangeResellerCompliance(@TargetAggregateIdentifier String resellerId,
                                           @TargetAggregateVersion Long expectedVersion,
                                           List<String> mpaSignedRegions, ProgramStatus programStatus) {
    }

    /**
     * Drafts an invitation; only the hash of its secret link token is kept. With {@code invitedResellerTenantId},
     * only that reseller may accept it.
     */
    public record IssuePartnershipInvitation(@TargetAggregateIdentifier String invitationId, UUID providerTenantId,
                                             String issuedBy, String resellerEmail, String tokenSha256,
                                             Instant expiresAt, UUID invitedResellerTenantId) {
    }

    /** A reseller uses an invitation to accept it: once, and only the invited reseller where one is named. */
    public record RedeemInvitation(@TargetAggregateIdentifier String invitationId, UUID resellerTenantId,
                                   String redeemedBy) {
    }

    /** The provider withdraws an invitation that was not used yet; its link stops working. */
    public record RevokeInvitation(@TargetAggregateIdentifier String invitationId, String revokedBy, String reason) {
    }

    /**
     * A reseller's Global admin accepts a provider's invitation. The facts the rules need (regions, program
     * status) come from the service's directory view.
     */
    public record AcceptPartnership(@TargetAggregateIdentifier String partnershipId, UUID providerTenantId,
                                    UUID resellerTenantId, UUID invitationId, String acceptedBy,
                                    String providerCspRegion, String resellerCspRegion,
                                    ProgramStatus resellerProgramStatus) {
    }

    /** The provider removes a partnership; needs its good-faith attestation. */
    public record RemovePartnership(@TargetAggregateIdentifier String partnershipId, String removedBy,
                                    String reason, boolean goodFaithAttestation, String attestationStatement) {
    }

    public static String partnershipId(UUID providerTenantId, UUID resellerTenantId) {
        return providerTenantId + ":" + resellerTenantId;
    }
}
