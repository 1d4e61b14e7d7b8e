package com.cspchannel.subscription.query;

import com.cspchannel.events.customer.OrderLine;
import com.cspchannel.events.subscription.RejectionReason;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as the view holds it: placed (with its lines) or rejected (with the reasons). */
public record OrderEntry(UUID orderId, UUID customerId, UUID providerTenantId, String status, String source,
                         List<OrderLine> lineItems, List<RejectionReason> reasons, Instant createdAt) {
}
