package com.cspchannel.events.subscription;

import com.cspchannel.events.PublicEvent;

import java.time.Instant;
import java.util.UUID;

/** The subscription moved to another offer (an allowed upgrade target), with its license count. */
public record SubscriptionUpgraded(
        UUID eventId,
        Instant occurredAt,
        UUID subscriptionId,
        UUID customerId,
        UUID providerTenantId,
        String fromOfferId,
        String toOfferId,
        int quantity,
        String upgradedBy) implements PublicEvent {
}
