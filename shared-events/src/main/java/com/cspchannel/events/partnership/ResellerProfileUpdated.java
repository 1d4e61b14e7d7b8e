package com.cspchannel.events.partnership;

import com.cspchannel.events.OptionalField;
import com.cspchannel.events.PublicEvent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A reseller's directory profile changed; the event carries the whole new profile (name, contact email,
 * country, CSP region, PLA PartnerIDs, PGA PartnerID).
 */
public record ResellerProfileUpdated(
        UUID eventId,
        Instant occurredAt,
        UUID resellerTenantId,
        String name,
        String contactEmail,
        String country,
        String cspRegion,
        List<String> plaPartnerIds,
        String pgaPartnerId,
        @OptionalField String preferredLanguage) implements PublicEvent {

    public ResellerProfileUpdated {
        plaPartnerIds = List.copyOf(plaPartnerIds);
    }
}
