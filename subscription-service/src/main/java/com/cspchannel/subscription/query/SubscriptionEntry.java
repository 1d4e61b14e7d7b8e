package com.cspchannel.subscription.query;

import java.time.Instant;
import java.util.UUID;

/** A subscription as the view holds it; a null support tenant means the provider is the support contact. */
public record SubscriptionEntry(UUID subscriptionId, UUID orderId, UUID customerId, UUID providerTenantId,
                                String offerId, String offerName, int quantity, String status, String partnerId,
                                UUID resellerTenantId, UUID supportTenantId, String supportMpnId, String supportName,
                                Instant purchasedAt, long version) {
}
