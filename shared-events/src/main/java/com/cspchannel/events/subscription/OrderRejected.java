package com.cspchannel.events.subscription;

import com.cspchannel.events.PublicEvent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order could not be fulfilled; nothing of it was created, the reasons say why. Earlier releases rejected an
 * accepted initial order whose reseller of record's partnership was removed in the meantime; an accepted order
 * is now always fulfilled (customer-service is the one authority for it), so this is no longer published, and
 * stays for readers of older streams.
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
