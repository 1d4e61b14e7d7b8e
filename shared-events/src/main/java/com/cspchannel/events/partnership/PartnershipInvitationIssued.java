package com.cspchannel.events.partnership;

import com.cspchannel.events.OptionalField;
import com.cspchannel.events.PublicEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * A provider drafted a partnership invitation. Nothing is partnered until a reseller accepts it. The
 * invitation's secret link token is deliberately absent: it is never stored in clear nor published.
 */
public record PartnershipInvitationIssued(
        UUID eventId,
        Instant occurredAt,
        UUID invitationId,
        UUID providerTenantId,
        String issuedBy,
        @OptionalField String resellerEmail,
        Instant expiresAt) implements PublicEvent {
}
