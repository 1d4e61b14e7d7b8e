package com.cspchannel.events.subscription;

import com.cspchannel.events.PublicEvent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order could not be fulfilled (e.g. the initial order of a new customer names a reseller of record whose
 * partnership was removed in the meantime). Nothing of it was created; the reasons say why.
 */
public record OrderRejected(
        UUID eventId,
        Instant occurredAt,
        UUID orderId,
        UUID customerId,
        UUID providerTenantId,
        List<RejectionReason> reasons,
        String rejectedBy) implements PublicEvent {

    public OrderRejected {
        reasons = List.copyOf(reasons);
    }
}
