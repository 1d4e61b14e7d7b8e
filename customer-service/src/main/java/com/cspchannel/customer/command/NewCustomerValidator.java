package com.cspchannel.customer.command;

import com.cspchannel.partnerview.PartnerFacts;
import com.cspchannel.customer.query.CustomerQueries;
import com.cspchannel.events.catalog.Offer;
import com.cspchannel.events.catalog.OfferCatalogue;
import com.cspchannel.events.customer.OrderLine;
import com.cspchannel.platform.domain.DomainRuleViolation.Violation;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    public NewCustomerValidator(CustomerQueries customers, PartnerFacts partners) {
        this.customers = customers;
        this.partners = partners;
    }

    public List<Violation> check(UUID provider, NewCustomer request) {
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
            violations.addAll(checkLine(provider, "order.lineItems[" + i + "]", request.lineItems().get(i)));
        }
        return violations;
    }

    /** The checks of one order line (shared by new customers and, later, orders for existing customers). */
    public List<Violation> checkLine(UUID provider, String path, OrderLine line) {
        List<Violation> violations = new ArrayList<>();
        Optional<Offer> offer = OfferCatalogue.find(line.offerId());
        if (offer.isEmpty()) {
            violations.add(new Violation(path + ".offerId", "unknown-offer",
                    "No offer " + line.offerId() + " in the catalogue."));
        } else if (!offer.get().allowsQuantity(line.quantity())) {
            violations.add(new Violation(path + ".quantity", "quantity-out-of-range", offer.get().name()
                    + " allows " + offer.get().minQuantity() + " to " + offer.get().maxQuantity() + " licenses."));
        }
        if (line.partnerIdOnRecord() != null) {
            partners.partnerOfRecordRefusal(provider, line.partnerIdOnRecord()).ifPresent(refusal ->
                    violations.add(new Violation(path + ".partnerIdOnRecord", refusal.code(), refusal.message())));
        }
        return violations;
    }
}
