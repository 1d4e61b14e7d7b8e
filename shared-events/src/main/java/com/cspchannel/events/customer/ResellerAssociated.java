package com.cspchannel.events.customer;

import com.cspchannel.events.OptionalField;
import com.cspchannel.events.PublicEvent;

import java.time.Instant;
import java.util.UUID;

/** An existing customer was associated with a reseller (replacing {@code previousResellerTenantId}, if any). */
public record ResellerAssociated(
        UUID eventId,
        Instant occurredAt,
        UUID customerId,
        UUID providerTenantId,
        UUID resellerTenantId,
        @OptionalField UUID previousResellerTenantId,
        String associatedBy) implements PublicEvent {
}
