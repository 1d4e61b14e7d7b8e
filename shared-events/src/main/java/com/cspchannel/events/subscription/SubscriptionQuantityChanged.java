package com.cspchannel.events.subscription;

import com.cspchannel.events.PublicEvent;

import java.time.Instant;
import java.util.UUID;

/** More or fewer licenses. */
public record SubscriptionQuantityChanged(
        UUID eventId,
        Instant occurredAt,
        UUID subscriptionId,
        UUID customerId,
        UUID providerTenantId,
        int fromQuantity,
        int toQuantity,
        String changedBy) implements PublicEvent {
}
