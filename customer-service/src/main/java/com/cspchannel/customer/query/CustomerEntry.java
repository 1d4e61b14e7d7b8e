package com.cspchannel.customer.query;

import com.cspchannel.events.customer.BillingProfile;

import java.time.Instant;
import java.util.UUID;

/** A customer as the view holds it. */
public record CustomerEntry(UUID customerId, UUID providerTenantId, String companyName, String domain,
                            BillingProfile billingProfile, UUID associatedReseller, UUID tenantOwnerReseller,
                            String adminUserName, Instant createdAt, long version,
                            com.cspchannel.events.customer.AcceptedOrder initialOrder) {
}
