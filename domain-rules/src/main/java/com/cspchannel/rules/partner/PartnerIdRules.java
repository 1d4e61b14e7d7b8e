package com.cspchannel.rules.partner;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Partner Center's rules for a PartnerID a provider uses in a transaction, stated once for every service that
 * decides with them: partnership-service verifies ids against its directory, customer- and subscription-service
 * check a partner of record against their copy of it. Only a PLA (location) id of an active reseller in the
 * provider's CSP region with a signed Microsoft Partner Agreement passes, never the provider's own id; a partner
 * of record must also be partnered with the provider. The checks run in Partner Center's order, and the first
 * one that fails is the answer.
 */
public final class PartnerIdRules {

    /** The code of a partner of record whose reseller has no active partnership with the provider. */
    public static final String NOT_PARTNERED = "reseller-not-partnered";
    /** Partner Center: the provider's own PartnerID. */
    public static final String OWN_ID = "2072";
    /** Partner Center: no indirect reseller has this PartnerID. */
    public static final String UNKNOWN_ID = "3000";
    /** Partner Center: a PGA (global) id, not an indirect-reseller (PLA) account. */
    public static final String PGA_ID = "2204";
    /** Partner Center: the reseller's CSP program status is not active. */
    public static final String NOT_ACTIVE = "800039";
    /** Partner Center: the reseller is in another CSP region. */
    public static final String OTHER_REGION = "2201";
    /** Partner Center: the reseller has not signed the Microsoft Partner Agreement for the provider's region. */
    public static final String NO_MPA = "2203";

    /** The provider asking: its own PartnerID and CSP region. */
    public record Provider(String partnerId, String cspRegion) {
    }

    /**
     * What is known of the reseller holding the PartnerID.
     *
     * @param pla              whether the id is one of the reseller's PLA ids (otherwise it is its PGA id)
     * @param programActive    whether the reseller's CSP program status is active
     * @param mpaSignedRegions the CSP regions for which it signed the Microsoft Partner Agreement
     */
    public record Reseller(boolean pla, boolean programActive, String cspRegion, Collection<String> mpaSignedRegions) {

        boolean mpaSignedFor(String region) {
            return mpaSignedRegions.stream().anyMatch(signed -> signed.equalsIgnoreCase(region));
        }
    }

    /**
     * Why an id is refused.
     *
     * @param code               the Partner Center code of the failed check (or {@link #NOT_PARTNERED})
     * @param partnerCenterCodes every Partner Center code that describes the failure (some have two)
     */
    public record Refusal(String code, List<String> partnerCenterCodes, String message) {
    }

    private PartnerIdRules() {
    }

    /** Partner Center's verification of {@code partnerId} for the provider; {@code reseller} is empty if unknown. */
    public static Optional<Refusal> verify(String partnerId, Provider provider, Optional<Reseller> reseller) {
        if (partnerId.equals(provider.partnerId())) {
            return refuse("This is your own PartnerID; a provider cannot be its own partner of record.", OWN_ID);
        }
        if (reseller.isEmpty()) {
            return refuse("No indirect reseller with the PartnerID " + partnerId + " was found.", UNKNOWN_ID,
                    "800015");
        }
        Reseller found = reseller.get();
        if (!found.pla()) {
            return refuse("PartnerID " + partnerId + " is the reseller's PGA (global) id, which is not an "
                    + "indirect-reseller account: use one of its PLA (location) PartnerIDs.", PGA_ID, "800016");
        }
        if (!found.programActive()) {
            return refuse("The reseller's CSP program status is not active.", NOT_ACTIVE);
        }
        if (!found.cspRegion().equalsIgnoreCase(provider.cspRegion())) {
            return refuse("The reseller's CSP region (" + found.cspRegion() + ") differs from yours ("
                    + provider.cspRegion() + ").", OTHER_REGION);
        }
        if (!found.mpaSignedFor(provider.cspRegion())) {
            return refuse("The reseller has not signed the Microsoft Partner Agreement for " + provider.cspRegion()
                    + ".", NO_MPA, "900123");
        }
        return Optional.empty();
    }

    /**
     * Whether {@code partnerId} may be named partner of record (reseller of record) on the provider's order or
     * subscription: it passes {@link #verify} and its reseller is partnered with the provider.
     */
    public static Optional<Refusal> partnerOfRecord(String partnerId, Provider provider, Optional<Reseller> reseller,
                                                    boolean partnered) {
        Optional<Refusal> refusal = verify(partnerId, provider, reseller);
        if (refusal.isPresent() || partnered) {
            return refusal;
        }
        return Optional.of(new Refusal(NOT_PARTNERED, List.of(), "The reseller has no active partnership with you."));
    }

    /** A refusal with the code of the failed check first, then any code Partner Center also gives for it. */
    private static Optional<Refusal> refuse(String message, String... codes) {
        return Optional.of(new Refusal(codes[0], List.of(codes), message));
    }
}
