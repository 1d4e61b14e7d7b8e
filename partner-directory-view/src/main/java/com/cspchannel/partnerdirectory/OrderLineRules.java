package com.cspchannel.partnerdirectory;

import com.cspchannel.rules.catalogue.Offer;
import com.cspchannel.rules.catalogue.OfferCatalogue;
import com.cspchannel.events.customer.OrderLine;
import com.cspchannel.platform.domain.DomainRuleViolation.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The checks of one order line, the same wherever an order is taken (with a new customer, or later): an offer of
 * the catalogue, a license count the offer allows, and an eligible partner of record.
 */
public class OrderLineRules {

    private final PartnerFacts partners;

    public OrderLineRules(PartnerFacts partners) {
        this.partners = partners;
    }

    /** Every problem of the line; {@code path} names it in the answer (e.g. {@code lineItems[0]}). */
    public List<Violation> check(UUID provider, String path, OrderLine line) {
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
