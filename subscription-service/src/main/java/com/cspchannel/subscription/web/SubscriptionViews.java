package com.cspchannel.subscription.web;

import com.cspchannel.rules.catalogue.OfferCatalogue;
import com.cspchannel.events.customer.OrderLine;
import com.cspchannel.events.subscription.RejectionReason;
import com.cspchannel.subscription.query.OrderEntry;
import com.cspchannel.subscription.query.SubscriptionEntry;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Response bodies of the subscription API (Partner Center's field names). */
final class SubscriptionViews {

    private SubscriptionViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SubscriptionView(UUID id, UUID orderId, UUID customerId, String offerId, String offerName, int quantity,
                            String status, String partnerId, UUID resellerTenantId, SupportContact supportContact,
                            Instant creationDate) {
        static SubscriptionView of(SubscriptionEntry e) {
            return new SubscriptionView(e.subscriptionId(), e.orderId(), e.customerId(), e.offerId(), e.offerName(),
                    e.quantity(), e.status(), e.partnerId(), e.resellerTenantId(), SupportContact.of(e),
                    e.purchasedAt());
        }
    }

    /** The designated support contact; {@code provider: true} when it is the provider itself. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SupportContact(boolean provider, UUID supportTenantId, String supportMpnId, String name) {
        static SupportContact of(SubscriptionEntry e) {
            return e.supportTenantId() == null ? new SupportContact(true, null, null, null)
                    : new SupportContact(false, e.supportTenantId(), e.supportMpnId(), e.supportName());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OrderView(UUID id, UUID customerId, String status, String source, List<LineView> lineItems,
                     List<RejectionReason> reasons, Instant creationDate) {
        static OrderView of(OrderEntry e) {
            return new OrderView(e.orderId(), e.customerId(), e.status(), e.source(),
                    e.lineItems().stream().map(LineView::of).toList(), e.reasons().isEmpty() ? null : e.reasons(),
                    e.createdAt());
        }
    }

    /** The answer of an order review that found no problem: the lines as they would be placed. */
    record OrderReview(boolean valid, List<LineView> lineItems) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LineView(int lineItemNumber, String offerId, String offerName, int quantity, String partnerIdOnRecord) {
        static LineView of(OrderLine line) {
            return new LineView(line.lineItemNumber(), line.offerId(),
                    OfferCatalogue.find(line.offerId()).map(o -> o.name()).orElse(null), line.quantity(),
                    line.partnerIdOnRecord());
        }
    }
}
