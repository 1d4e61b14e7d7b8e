package com.cspchannel.customer.command;

import com.cspchannel.platform.domain.DomainRuleViolation.Kind;
import com.cspchannel.platform.domain.ProblemCode;
import com.cspchannel.platform.web.DeclaresProblems;
import com.cspchannel.rules.partner.PartnerIdRules;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The customer service's own problem codes, each with the kind of rule it breaks; the platform's are in
 * {@code PlatformProblem}. {@link CustomerErrors} builds the violations.
 */
public enum CustomerProblem implements ProblemCode {
    NO_RESELLER_ASSOCIATED(Kind.CONFLICT, "no-reseller-associated"),
    NO_TENANT_OWNER_GRANT(Kind.CONFLICT, "no-tenant-owner-grant"),
    /** Another provider's customer, or one a reseller does not administer, is as if it did not exist. */
    CUSTOMER_NOT_FOUND(Kind.NOT_FOUND, "customer-not-found"),
    PROVIDER_NOT_REGISTERED(Kind.UNPROCESSABLE, "provider-not-registered"),
    RESELLER_NOT_PARTNERED(Kind.UNPROCESSABLE, PartnerIdRules.NOT_PARTNERED),
    AZURE_PLAN_REQUIRED(Kind.UNPROCESSABLE, "azure-plan-required"),
    /** Every problem of a new customer at once, in {@code errors[]}. */
    INVALID_CUSTOMER_REQUEST(Kind.UNPROCESSABLE, "invalid-customer-request");

    /** The codes of this enum a controller method may answer, listed on its operation in the API document. */
    @DeclaresProblems
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Raises {
        CustomerProblem[] value();
    }

    private final Kind kind;
    private final String code;

    CustomerProblem(Kind kind, String code) {
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
