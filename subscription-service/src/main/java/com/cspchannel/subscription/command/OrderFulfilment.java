package com.cspchannel.subscription.command;

import com.cspchannel.events.customer.CustomerCreated;
import com.cspchannel.subscription.command.Commands.PlaceOrder;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Fulfils the order the customer service accepted with a new customer, as it was accepted. The customer and
 * its initial order are one operation for the user, and customer-service is its one authority: it decided on its
 * copy of the partnerships (which a client's consistency token brings up to date), and this service does not
 * decide again on its own copy, which may be older or newer. So an accepted initial order is never rejected
 * later, and the customer never exists without the subscriptions it was created with (see
 * docs/architecture.md, "One authority per decision").
 */
@Component
public class OrderFulfilment {

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;

    public OrderFulfilment(CommandGateway commands, JdbcTemplate jdbc) {
        this.commands = commands;
        this.jdbc = jdbc;
    }

    /** Runs in the consumer's transaction (the command joins it); once per order id. */
    public void fulfilInitialOrder(CustomerCreated created) {
        var order = created.initialOrder();
        Long known = jdbc.queryForObject("select count(*) from customer_order where order_id = ?", Long.class,
                order.orderId());
        if (known != null && known > 0) {
            return;
        }
        commands.sendAndWait(new PlaceOrder(order.orderId().toString(), created.customerId(),
                created.providerTenantId(), order.lineItems(), "initial", created.createdBy()));
    }
}
