package com.cspchannel.subscription.command;

import com.cspchannel.platform.domain.DomainRuleViolation.Kind;
import com.cspchannel.platform.domain.ProblemCode;
import com.cspchannel.platform.web.DeclaresProblems;
import com.cspchannel.partnerdirectory.PartnerFacts;
import com.cspchannel.rules.partner.PartnerIdRules;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The subscription service's own problem codes (Partner Center's where one exists), each with the kind of rule it
 * breaks; the platform's are in {@code PlatformProblem}. {@link SubscriptionErrors} builds most violations.
 */
public enum SubscriptionProblem implements ProblemCode {
    /** Another provider's customer, or one a reseller does not administer, is as if it did not exist. */
    CUSTOMER_NOT_FOUND(Kind.NOT_FOUND, "customer-not-found"),
    SUBSCRIPTION_NOT_FOUND(Kind.NOT_FOUND, "subscription-not-found"),
    ORDER_NOT_FOUND(Kind.NOT_FOUND, "order-not-found"),
    /** Every problem of an order at once, in {@code errors[]}. */
    INVALID_ORDER(Kind.UNPROCESSABLE, "invalid-order"),
    QUANTITY_OUT_OF_RANGE(Kind.UNPROCESSABLE, "quantity-out-of-range"),
    DECREASE_WINDOW_CLOSED(Kind.UNPROCESSABLE, "decrease-window-closed"),
    UPGRADE_NOT_ALLOWED(Kind.UNPROCESSABLE, "upgrade-not-allowed"),
    /** A support contact that is not one of the reseller's PLA PartnerIDs (Partner Center's code). */
    SUPPORT_ID_NOT_PLA(Kind.UNPROCESSABLE, PartnerIdRules.PGA_ID),
    // why a PartnerID may not be named reseller of record (PartnerIdRules, PartnerFacts)
    RESELLER_NOT_PARTNERED(Kind.UNPROCESSABLE, PartnerIdRules.NOT_PARTNERED),
    OWN_PARTNER_ID(Kind.UNPROCESSABLE, PartnerIdRules.OWN_ID),
    UNKNOWN_PARTNER_ID(Kind.UNPROCESSABLE, PartnerIdRules.UNKNOWN_ID),
    PGA_PARTNER_ID(Kind.UNPROCESSABLE, PartnerIdRules.PGA_ID),
    RESELLER_NOT_ACTIVE(Kind.UNPROCESSABLE, PartnerIdRules.NOT_ACTIVE),
    REGION_MISMATCH(Kind.UNPROCESSABLE, PartnerIdRules.OTHER_REGION),
    MPA_NOT_SIGNED(Kind.UNPROCESSABLE, PartnerIdRules.NO_MPA),
    PROVIDER_NOT_REGISTERED(Kind.UNPROCESSABLE, PartnerFacts.PROVIDER_NOT_REGISTERED);

    /** The codes of this enum a controller method may answer, listed on its operation in the API document. */
    @DeclaresProblems
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Raises {
        SubscriptionProblem[] value();
    }

    private final Kind kind;
    private final String code;

    SubscriptionProblem(Kind kind, String code) {
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
