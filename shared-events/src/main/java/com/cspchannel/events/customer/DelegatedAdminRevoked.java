package com.cspchannel.events.customer;

import com.cspchannel.events.OptionalField;
import com.cspchannel.events.PublicEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * The reseller no longer administers the customer: an explicit revoke, or a new reseller was associated.
 * Removing the provider-reseller partnership never causes this.
 */
public record DelegatedAdminRevoked(
        UUID eventId,
        Instant occurredAt,
        UUID customerId,
        UUID providerTenantId,
        UUID resellerTenantId,
        String revokedBy,
        @OptionalField String reason) implements PublicEvent {
}
