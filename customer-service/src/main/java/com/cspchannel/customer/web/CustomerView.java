package com.cspchannel.customer.web;

import com.cspchannel.customer.query.CustomerEntry;
import com.cspchannel.rules.catalogue.OfferCatalogue;
import com.cspchannel.events.customer.AcceptedOrder;
import com.cspchannel.events.subscription.RejectionReason;
import com.cspchannel.events.customer.BillingProfile;
import com.cspchannel.events.customer.CompanyProfile;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A customer as the API shows it. {@code userCredentials} appears in exactly one answer: the one that created
 * the customer (or reset the password); a replayed create shows only the user name.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CustomerView(UUID id, UUID providerTenantId, CompanyProfile companyProfile, BillingProfile billingProfile,
                    UUID associatedPartnerId, UUID tenantOwnerPartnerId, String adminUserName, Instant createdAt,
                    OrderView order, UserCredentials userCredentials) {

    /** A new customer as it would be created: the answer of a review that found no problem. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CustomerPreview(boolean valid, CompanyProfile companyProfile, BillingProfile billingProfile,
                           UUID associatedPartnerId, String adminUserName, OrderView order) {
    }

    /** The admin's sign-in: the password only in the answer that issued it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UserCredentials(String userName, String password) {
    }

    /** The initial order: {@code accepted}, then {@code fulfilled} (or {@code rejected} with reasons). */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record OrderView(UUID orderId, String status, List<LineView> lineItems, List<RejectionReason> reasons) {
    }

    record LineView(int lineItemNumber, String offerId, String offerName, int quantity, String partnerIdOnRecord) {
    }

    static CustomerView of(CustomerEntry e) {
        return of(e, null);
    }

    static CustomerView of(CustomerEntry e, UserCredentials credentials) {
        return new CustomerView(e.customerId(), e.providerTenantId(), new CompanyProfile(e.companyName(), e.domain()),
                e.billingProfile(), e.associatedReseller(), e.tenantOwnerReseller(), e.adminUserName(), e.createdAt(),
                order(e.initialOrder(), e.initialOrderState(), e.initialOrderReasons()), credentials);
    }

    static OrderView order(AcceptedOrder order, String state, List<RejectionReason> reasons) {
        if (order == null) {
            return null;
        }
        return new OrderView(order.orderId(), state, order.lineItems().stream()
                .map(l -> new LineView(l.lineItemNumber(), l.offerId(),
                        OfferCatalogue.find(l.offerId()).map(o -> o.name()).orElse(null), l.quantity(),
                        l.partnerIdOnRecord()))
                .toList(), reasons);
    }
}
