package com.cspchannel.events.customer;

import com.cspchannel.events.PublicEvent;
import com.cspchannel.events.partnership.ReassignmentOutcome;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * customer-service settled its items of a reassignment job ({@code customer_admin}, {@code tenant_owner}), all at
 * once and in the same transaction as the moves themselves: each moved, unchanged or refused with its code.
 */
public record CustomerReassignmentProcessed(
        UUID eventId,
        Instant occurredAt,
        UUID jobId,
        UUID providerTenantId,
        List<ReassignmentOutcome> items) implements PublicEvent {

    public CustomerReassignmentProcessed {
        items = List.copyOf(items);
    }
}
