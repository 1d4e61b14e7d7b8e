package com.cspchannel.customer.command;

import com.cspchannel.platform.domain.DomainRuleViolation;

import static com.cspchannel.platform.domain.DomainRuleViolation.Kind.CONFLICT;
import static com.cspchannel.platform.domain.DomainRuleViolation.Kind.NOT_FOUND;

/** The customer service's rule violations, each with its stable code. */
public final class CustomerErrors {

    private CustomerErrors() {
    }

    public static DomainRuleViolation customerNotFound() {
        return new DomainRuleViolation(NOT_FOUND, "customer-not-found", "No such customer.");
    }

    public static DomainRuleViolation noResellerAssociated() {
        return new DomainRuleViolation(CONFLICT, "no-reseller-associated",
                "No reseller administers this customer.");
    }

    public static DomainRuleViolation noTenantOwnerGrant() {
        return new DomainRuleViolation(CONFLICT, "no-tenant-owner-grant",
                "No reseller holds a tenant-owner grant on this customer.");
    }
}
