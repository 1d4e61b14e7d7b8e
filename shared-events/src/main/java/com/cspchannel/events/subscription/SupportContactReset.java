package com.cspchannel.events.subscription;

import com.cspchannel.events.PublicEvent;

import java.time.Instant;
import java.util.UUID;

/** The support contact went back to the provider; {@code previousSupportTenantId} is the reseller that lost it. */
public record SupportContactReset(
        UUID eventId,
        Instant occurredAt,
        UUID subscriptionId,
        UUID customerId,
        UUID providerTenantId,
        UUID previousSupportTenantId,
        String resetBy) implements PublicEvent {
}
