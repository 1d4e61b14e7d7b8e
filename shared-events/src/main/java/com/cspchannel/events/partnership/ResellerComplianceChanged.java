package com.cspchannel.events.partnership;

import com.cspchannel.events.PublicEvent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A reseller's compliance changed: the CSP regions for which it has signed the Microsoft Partner
 * Agreement (MPA) and its program status. The event carries the complete new state, so a consumer
 * never has to merge partial updates.
 */
public record ResellerComplianceChanged(
        UUID eventId,
        Instant occurredAt,
        UUID resellerTenantId,
        List<String> mpaSignedRegions,
        ProgramStatus programStatus) implements PublicEvent {

    public ResellerComplianceChanged {
        mpaSignedRegions = mpaSignedRegions.stream().sorted().distinct().toList();
    }
}
