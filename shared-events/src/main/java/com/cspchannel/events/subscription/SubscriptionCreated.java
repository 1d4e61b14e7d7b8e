package com.cspchannel.events.subscription;

import com.cspchannel.events.OptionalField;
import com.cspchannel.events.PublicEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * A subscription was created by an order. {@code partnerId} (the reseller of record's PLA PartnerID) and
 * {@code resellerTenantId} are absent when no reseller gets credit. The support contact starts as the provider.
 */
public record SubscriptionCreated(
        UUID eventId,
        Instant occurredAt,
        UUID subscriptionId,
        UUID orderId,
        UUID customerId,
        UUID providerTenantId,
        String offerId,
        String offerName,
        int quantity,
        @OptionalField String partnerId,
        @OptionalField UUID resellerTenantId,
        String createdBy) implements PublicEvent {
}
