package com.cspchannel.events.customer;

import com.cspchannel.events.PublicEvent;

import java.time.Instant;
import java.util.UUID;

/** The reseller's tenant-owner grant on the customer's Azure tenant was revoked. */
public record TenantOwnerRevoked(
        UUID eventId,
        Instant occurredAt,
        UUID customerId,
        UUID providerTenantId,
        UUID resellerTenantId,
        String revokedBy) implements PublicEvent {
}
