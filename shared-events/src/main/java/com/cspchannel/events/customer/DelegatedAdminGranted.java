package com.cspchannel.events.customer;

import com.cspchannel.events.PublicEvent;

import java.time.Instant;
import java.util.UUID;

/** The reseller now administers the customer's account and subscriptions (delegated administration). */
public record DelegatedAdminGranted(
        UUID eventId,
        Instant occurredAt,
        UUID customerId,
        UUID providerTenantId,
        UUID resellerTenantId,
        String grantedBy) implements PublicEvent {
}
