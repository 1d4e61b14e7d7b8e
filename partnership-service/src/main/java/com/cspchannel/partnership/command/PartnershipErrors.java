package com.cspchannel.partnership.command;

import com.cspchannel.platform.domain.DomainRuleViolation;

/**
 * The violations of the business rules this service enforces, each with its stable code
 * ({@link PartnershipProblem}, Partner Center's where one exists).
 */
public final class PartnershipErrors {

    public static final String GOOD_FAITH_ATTESTATION = "I attest that the decision to remove this reseller "
            + "relationship was made in good faith, for a legitimate business purpose, and in accordance with my "
            + "agreements with Microsoft and the reseller.";

    private PartnershipErrors() {
    }

    public static DomainRuleViolation alreadyPartnered() {
        return new DomainRuleViolation(PartnershipProblem.ALREADY_PARTNERED,
                "This reseller already has an active partnership with this provider.");
    }

    public static DomainRuleViolation regionMismatch(String providerRegion, String resellerRegion) {
        return new DomainRuleViolation(PartnershipProblem.REGION_MISMATCH, "The reseller's CSP region (" + resellerRegion
                + ") differs from the provider's (" + providerRegion + "); both must be in the same region.");
    }

    public static DomainRuleViolation resellerNotActive() {
        return new DomainRuleViolation(PartnershipProblem.RESELLER_NOT_ACTIVE,
                "The reseller's CSP program status is not active.");
    }

    public static DomainRuleViolation attestationRequired() {
        return new DomainRuleViolation(PartnershipProblem.ATTESTATION_REQUIRED,
                "Removing a partnership needs your good-faith attestation (goodFaithAttestation: true).");
    }

    public static DomainRuleViolation partnershipNotActive() {
        return new DomainRuleViolation(PartnershipProblem.PARTNERSHIP_NOT_FOUND,
                "There is no active partnership with this reseller.");
    }

    public static DomainRuleViolation invitationInvalid() {
        return new DomainRuleViolation(PartnershipProblem.INVITATION_NOT_FOUND,
                "This invitation link is not valid. Ask the provider for a new one.");
    }

    public static DomainRuleViolation invitationExpired() {
        return new DomainRuleViolation(PartnershipProblem.INVITATION_EXPIRED,
                "This invitation link has expired. Ask the provider for a new one.");
    }

    public static DomainRuleViolation invitationUsed() {
        return new DomainRuleViolation(PartnershipProblem.INVITATION_USED,
                "This invitation link was already used; an invitation can be used once. Ask the provider for a "
                        + "new one.");
    }

    public static DomainRuleViolation invitationRevoked() {
        return new DomainRuleViolation(PartnershipProblem.INVITATION_REVOKED,
                "This invitation was withdrawn by the provider. Ask the provider for a new one.");
    }

    public static DomainRuleViolation invitationPredatesRemoval() {
        return new DomainRuleViolation(PartnershipProblem.INVITATION_PREDATES_REMOVAL,
                "The provider removed its partnership with you after issuing this invitation: partnering again "
                        + "needs a new invitation from the provider.");
    }

    public static DomainRuleViolation pgaAmongPla() {
        return new DomainRuleViolation(PartnershipProblem.PGA_AMONG_PLA,
                "The PGA (global) PartnerID may not also be listed as a PLA (location) PartnerID.");
    }

    public static DomainRuleViolation alreadyEnrolled() {
        return new DomainRuleViolation(PartnershipProblem.ALREADY_ENROLLED, "This reseller is already enrolled.");
    }
}
