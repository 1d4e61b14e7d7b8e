package com.cspchannel.events.subscription;

import com.cspchannel.events.OptionalField;
import com.cspchannel.events.PublicEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * The reseller of record (who gets credit for incentives) changed from one reseller to another, was set, or was
 * cleared: absent {@code from…} means none before, absent {@code to…} means none now.
 */
public record ResellerOfRecordChanged(
        UUID eventId,
        Instant occurredAt,
        UUID subscriptionId,
        UUID customerId,
        UUID providerTenantId,
        @OptionalField String fromPartnerId,
        @OptionalField UUID fromResellerTenantId,
        @OptionalField String toPartnerId,
        @OptionalField UUID toResellerTenantId,
        String changedBy) implements PublicEvent {
}
