package com.cspchannel.events.partnership;

import com.cspchannel.events.OptionalField;
import com.cspchannel.events.PublicEvent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A reseller was enrolled in the directory of indirect resellers. It holds one or more PLA (location)
 * PartnerIDs, the only ids valid for CSP transactions, and one PGA (global) PartnerID, which is not.
 * A new reseller is active and has signed no Microsoft Partner Agreement until a
 * {@link ResellerComplianceChanged} says so.
 */
public record ResellerEnrolled(
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

    public ResellerEnrolled {
        plaPartnerIds = List.copyOf(plaPartnerIds);
    }
}
