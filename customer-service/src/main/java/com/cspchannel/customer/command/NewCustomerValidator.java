package com.cspchannel.customer.command;

import com.cspchannel.customer.query.CustomerQueries;
import com.cspchannel.partnerdirectory.OrderLineRules;
import com.cspchannel.partnerdirectory.PartnerFacts;
import com.cspchannel.platform.domain.DomainRuleViolation;
import com.cspchannel.platform.domain.DomainRuleViolation.Violation;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Checks a whole new-customer request before anything is created and reports every problem at once: the
 * domain is free, the reseller is partnered, every line names a catalogue offer with an allowed quantity and,
 * where given, an eligible partner of record.
 */
@Component
public class NewCustomerValidator {

    private final CustomerQueries customers;
    private final PartnerFacts partners;
    private final OrderLineRules lines;

    public NewCustomerValidator(CustomerQueries customers, PartnerFacts partners, OrderLineRules lines) {
        this.customers = customers;
        this.partners = partners;
        this.lines = lines;
    }

    /**
     * Every problem of the request. A provider whose profile is not registered cannot create customers at all:
     * that is one refusal, not a list.
     */
    public List<Violation> check(UUID provider, NewCustomer request) {
        if (!partners.providerRegistered(provider)) {
            throw new DomainRuleViolation(CustomerProblem.PROVIDER_NOT_REGISTERED, "Your provider profile is not "
                    + "registered in the CSP program registry, so you cannot create customers yet.");
        }
        List<Violation> violations = new ArrayList<>();
        if (customers.domainTaken(request.companyProfile().domain())) {
            violations.add(new Violation("companyProfile.domain", "domain-taken",
                    "The domain " + request.companyProfile().domain() + " already belongs to a customer."));
        }
        if (request.associatedPartnerId() != null
                && !partners.activePartnership(provider, request.associatedPartnerId())) {
            violations.add(new Violation("associatedPartnerId", "reseller-not-partnered",
                    "The reseller has no active partnership with you: it must accept your invitation first."));
        }
        for (int i = 0; i < request.lineItems().size(); i++) {
            violations.addAll(lines.check(provider, "order.lineItems[" + i + "]", request.lineItems().get(i)));
        }
        return violations;
    }
}
