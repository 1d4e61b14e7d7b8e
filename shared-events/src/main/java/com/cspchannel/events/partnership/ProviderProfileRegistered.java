package com.cspchannel.events.partnership;

import com.cspchannel.events.OptionalField;
import com.cspchannel.events.PublicEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * An indirect provider was registered: its tenant, name, contact email (where its notifications go),
 * CSP region and its own PartnerID (which may never be used as partner of record, code 2072).
 */
public record ProviderProfileRegistered(
        UUID eventId,
        Instant occurredAt,
        UUID providerTenantId,
        String name,
        String contactEmail,
        String cspRegion,
        String partnerId,
        @OptionalField String preferredLanguage) implements PublicEvent {
}
