package com.cspchannel.events.partnership;

import com.cspchannel.events.PublicEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * Every item of a reassignment job is settled: {@code moved} counts per kind what moved from the source reseller to
 * the target (the same numbers are what the source lost and the target gained: one summary per reseller, not one
 * notice per item), {@code unchanged} what the target already held, {@code refused} what could not move.
 */
public record ReassignmentCompleted(
        UUID eventId,
        Instant occurredAt,
        UUID jobId,
        UUID providerTenantId,
        UUID sourceResellerTenantId,
        UUID targetResellerTenantId,
        ReassignmentCounts moved,
        int unchanged,
        int refused) implements PublicEvent {
}
