package com.cspchannel.events.partnership;

import com.cspchannel.events.OptionalField;
import com.cspchannel.events.PublicEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * An indirect provider's profile changed; the event carries the whole new profile: tenant, name,
 * contact email, CSP region and own PartnerID.
 */
public record ProviderProfileUpdated(
        UUID eventId,
        Instant occurredAt,
        UUID providerTenantId,
        String name,
        String contactEmail,
        String cspRegion,
        String partnerId,
        @OptionalField String preferredLanguage) implements PublicEvent {
}
