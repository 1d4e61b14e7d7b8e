package com.cspchannel.events.subscription;

import com.cspchannel.events.PublicEvent;
import com.cspchannel.events.partnership.ReassignmentOutcome;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * subscription-service settled its items of a reassignment job ({@code reseller_of_record},
 * {@code support_contact}), all at once and in the same transaction as the moves themselves: each moved, unchanged
 * or refused with its code.
 */
public record SubscriptionReassignmentProcessed(
        UUID eventId,
        Instant occurredAt,
        UUID jobId,
        UUID providerTenantId,
        List<ReassignmentOutcome> items) implements PublicEvent {

    public SubscriptionReassignmentProcessed {
        items = List.copyOf(items);
    }
}
