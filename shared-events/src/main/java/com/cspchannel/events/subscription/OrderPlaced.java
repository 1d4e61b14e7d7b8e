package com.cspchannel.events.subscription;

import com.cspchannel.events.customer.OrderLine;
import com.cspchannel.events.PublicEvent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order for a customer was accepted and is being fulfilled: one subscription per line. {@code source} is
 * {@code initial} for the order placed with a new customer, {@code api} for later orders.
 */
public record OrderPlaced(
        UUID eventId,
        Instant occurredAt,
        UUID orderId,
        UUID customerId,
        UUID providerTenantId,
        List<OrderLine> lineItems,
        String source,
        String placedBy) implements PublicEvent {

    public OrderPlaced {
        lineItems = List.copyOf(lineItems);
    }
}
