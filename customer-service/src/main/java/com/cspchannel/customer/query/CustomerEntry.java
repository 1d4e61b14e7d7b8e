package com.cspchannel.customer.query;

import com.cspchannel.events.customer.BillingProfile;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer as the view holds it. {@code initialOrderState}: {@code accepted} with the customer, then
 * {@code fulfilled} once subscription-service placed it (or {@code rejected}, with reasons, for orders of earlier
 * releases).
 */
public record CustomerEntry(UUID customerId, UUID providerTenantId, String companyName, String domain,
                            BillingProfile billingProfile, UUID associatedReseller, UUID tenantOwnerReseller,
                            String adminUserName, Instant createdAt, long version,
                            com.cspchannel.events.customer.AcceptedOrder initialOrder, String initialOrderState,
                            java.util.List<com.cspchannel.events.subscription.RejectionReason> initialOrderReasons) {
}
