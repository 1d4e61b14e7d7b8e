package com.cspchannel.events.partnership;

import com.cspchannel.events.PublicEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * A reseller's Global admin accepted a provider's invitation: from now on the provider may add customers
 * on the reseller's behalf, order for its customers, name it reseller of record and support contact.
 */
public record PartnershipAccepted(
        UUID eventId,
        Instant occurredAt,
        UUID providerTenantId,
        UUID resellerTenantId,
        UUID invitationId,
        String acceptedBy,
        String cspRegion) implements PublicEvent {
}
