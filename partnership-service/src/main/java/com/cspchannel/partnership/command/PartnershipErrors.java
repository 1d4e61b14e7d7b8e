package com.cspchannel.partnership.command;

import com.cspchannel.platform.domain.DomainRuleViolation;

import static com.cspchannel.platform.domain.DomainRuleViolation.Kind.CONFLICT;
import static com.cspchannel.platform.domain.DomainRuleViolation.Kind.NOT_FOUND;
import static com.cspchannel.platform.domain.DomainRuleViolation.Kind.UNPROCESSABLE;

/**
 * The business rules this service enforces, each with its stable code (Partner Center's where one exists).
 */
public final class PartnershipErrors {

    public static final String GOOD_FAITH_ATTESTATION = "I attest that the decision to remove this reseller "
            + "relationship was made in good faith, for a legitimate business purpose, and in accordance with my "
            + "agreements with Microsoft and the reseller.";

    private PartnershipErrors() {
    }

    public static DomainRuleViolation alreadyPartnered() {
        return new DomainRuleViolation(CONFLICT, "already-partnered",
                "This reseller already has an active partnership with this provider.");
    }

    public static DomainRuleViolation regionMismatch(String providerRegion, String resellerRegion) {
        return new DomainRuleViolation(UNPROCESSABLE, "2201", "The reseller's CSP region (" + resellerRegion
                + ") differs from the provider's (" + providerRegion + "); both must be in the same region.");
    }

    public static DomainRuleViolation resellerNotActive() {
        return new DomainRuleViolation(UNPROCESSABLE, "800039",
                "The reseller's CSP program status is not active.");
    }

    public static DomainRuleViolation attestationRequired() {
        return new DomainRuleViolation(UNPROCESSABLE, "attestation-required",
                "Removing a partnership needs your good-faith attestation (goodFaithAttestation: true).");
    }

    public static DomainRuleViolation partnershipNotActive() {
        return new DomainRuleViolation(NOT_FOUND, "partnership-not-found",
                "There is no active partnership with this reseller.");
    }

    public static DomainRuleViolation invitationInvalid() {
        return new DomainRuleViolation(NOT_FOUND, "invitation-not-found",
                "This invitation link is not valid. Ask the provider for a new one.");
    }

    public static DomainRuleViolation invitationExpired() {
        return new DomainRuleViolation(UNPROCESSABLE, "invitation-expired",
                "This invitation link has expired. Ask the provider for a new one.");
    }

    public static DomainRuleViolation invitationUsed() {
        return new DomainRuleViolation(CONFLICT, "invitation-used",
                "This invitation link was already used; an invitation can be used once. Ask the provider for a "
                        + "new one.");
    }

    public static DomainRuleViolation invitationRevoked() {
        return new DomainRuleViolation(UNPROCESSABLE, "invitation-revoked",
                "This invitation was withdrawn by the provider. Ask the provider for a new one.");
    }

    public static DomainRuleViolation invitationPredatesRemoval() {
        return new DomainRuleViolation(UNPROCESSABLE, "invitation-predates-removal",
                "The provider removed its partnership with you after issuing this invitation: partnering again "
                        + "needs a new invitation from the provider.");
    }

    public static DomainRuleViolation pgaAmongPla() {
        return new DomainRuleViolation(UNPROCESSABLE, "pga-among-pla",
                "The PGA (global) PartnerID may not also be listed as a PLA (location) PartnerID.");
    }

    public static DomainRuleViolation alreadyEnrolled() {
        return new DomainRuleViolation(CONFLICT, "already-enrolled", "This reseller is already enrolled.");
    }
}
