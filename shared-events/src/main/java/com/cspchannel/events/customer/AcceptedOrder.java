package com.cspchannel.events.customer;

import java.util.List;
import java.util.UUID;

/**
 * An order accepted together with a new customer: every line was validated before the customer was created.
 * The subscription service fulfils it exactly once per {@code orderId}.
 */
public record AcceptedOrder(UUID orderId, List<OrderLine> lineItems) {

    public AcceptedOrder {
        lineItems = List.copyOf(lineItems);
    }
}
