package com.cspchannel.events.partnership;

import com.cspchannel.events.PublicEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * A provider removed a partnership, attesting in good faith that the decision has a legitimate business
 * purpose. Nothing cascades: customers associated with the reseller stay, delegated admin privileges stay,
 * subscriptions keep their reseller of record and support contact; only new transactions naming the
 * reseller are refused. The platform sends no notice to the reseller or the customers.
 */
public record PartnershipRemoved(
        UUID eventId,
        Instant occurredAt,
        UUID providerTenantId,
        UUID resellerTenantId,
        String removedBy,
        String reason,
        boolean goodFaithAttestation,
        String attestationStatement) implements PublicEvent {
}
