package com.cspchannel.customer.command;

import com.cspchannel.platform.domain.DomainRuleViolation;

/** The customer service's rule violations, each with its stable code ({@link CustomerProblem}). */
public final class CustomerErrors {

    private CustomerErrors() {
    }

    public static DomainRuleViolation customerNotFound() {
        return new DomainRuleViolation(CustomerProblem.CUSTOMER_NOT_FOUND, "No such customer.");
    }

    public static DomainRuleViolation noResellerAssociated() {
        return new DomainRuleViolation(CustomerProblem.NO_RESELLER_ASSOCIATED,
                "No reseller administers this customer.");
    }

    public static DomainRuleViolation noTenantOwnerGrant() {
        return new DomainRuleViolation(CustomerProblem.NO_TENANT_OWNER_GRANT,
                "No reseller holds a tenant-owner grant on this customer.");
    }
}
