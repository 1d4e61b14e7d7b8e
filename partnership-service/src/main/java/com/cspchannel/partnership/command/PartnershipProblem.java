package com.cspchannel.partnership.command;

import com.cspchannel.platform.domain.DomainRuleViolation.Kind;
import com.cspchannel.platform.domain.ProblemCode;
import com.cspchannel.platform.web.DeclaresProblems;
import com.cspchannel.rules.partner.PartnerIdRules;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The partnership service's own problem codes (Partner Center's where one exists), each with the kind of rule it
 * breaks; the platform's are in {@code PlatformProblem}. {@link PartnershipErrors} builds the violations.
 */
public enum PartnershipProblem implements ProblemCode {
    ALREADY_ENROLLED(Kind.CONFLICT, "already-enrolled"),
    ALREADY_PARTNERED(Kind.CONFLICT, "already-partnered"),
    PARTNER_ID_TAKEN(Kind.CONFLICT, "partner-id-taken"),
    INVITATION_USED(Kind.CONFLICT, "invitation-used"),
    REBUILD_RUNNING(Kind.CONFLICT, "rebuild-running"),
    /** A report over subscriptions asked for without a reseller to report on. */
    REPORT_FILTER_REQUIRED(Kind.INVALID, "report-filter-required"),
    /** A query parameter the operation does not have (a misspelt filter would otherwise widen a report). */
    UNKNOWN_PARAMETER(Kind.INVALID, "unknown-parameter"),
    /** A reseller asked about another reseller: it sees only what names itself. */
    OTHER_RESELLER(Kind.FORBIDDEN, "other-reseller"),
    /** A PartnerID that is not 4 to 12 digits (Partner Center's code). */
    MALFORMED_PARTNER_ID(Kind.INVALID, "2200"),
    RESELLER_NOT_FOUND(Kind.NOT_FOUND, "reseller-not-found"),
    PARTNERSHIP_NOT_FOUND(Kind.NOT_FOUND, "partnership-not-found"),
    REASSIGNMENT_NOT_FOUND(Kind.NOT_FOUND, "reassignment-not-found"),
    INVITATION_NOT_FOUND(Kind.NOT_FOUND, "invitation-not-found"),
    /** The caller's own provider profile, asked for before it was registered. */
    OWN_PROFILE_NOT_REGISTERED(Kind.NOT_FOUND, "provider-not-registered"),
    /** A provider that is not registered asks for something that needs its profile. */
    PROVIDER_NOT_REGISTERED(Kind.UNPROCESSABLE, "provider-not-registered"),
    RESELLER_NOT_ENROLLED(Kind.UNPROCESSABLE, "reseller-not-enrolled"),
    /** Partner Center: the reseller's CSP region differs from the provider's. */
    REGION_MISMATCH(Kind.UNPROCESSABLE, "2201"),
    /** Partner Center: the reseller's CSP program status is not active. */
    RESELLER_NOT_ACTIVE(Kind.UNPROCESSABLE, "800039"),
    ATTESTATION_REQUIRED(Kind.UNPROCESSABLE, "attestation-required"),
    INVITATION_EXPIRED(Kind.UNPROCESSABLE, "invitation-expired"),
    INVITATION_REVOKED(Kind.UNPROCESSABLE, "invitation-revoked"),
    INVITATION_PREDATES_REMOVAL(Kind.UNPROCESSABLE, "invitation-predates-removal"),
    INVITATION_LINK_MISSING(Kind.UNPROCESSABLE, "invitation-link-missing"),
    PGA_AMONG_PLA(Kind.UNPROCESSABLE, "pga-among-pla"),
    /** A reassignment's target must have an active partnership with the provider (the single operations' code). */
    RESELLER_NOT_PARTNERED(Kind.UNPROCESSABLE, PartnerIdRules.NOT_PARTNERED),
    /** A reassignment from a reseller to itself. */
    SAME_RESELLER(Kind.UNPROCESSABLE, "same-reseller"),
    /** More items than one job moves (each service moves its items of a job in one transaction). */
    REASSIGNMENT_TOO_LARGE(Kind.UNPROCESSABLE, "reassignment-too-large");

    /** The codes of this enum a controller method may answer, listed on its operation in the API document. */
    @DeclaresProblems
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Raises {
        PartnershipProblem[] value();
    }

    private final Kind kind;
    private final String code;

    PartnershipProblem(Kind kind, String code) {
        this.kind = kind;
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public int status() {
        return kind.status();
    }
}
