package com.cspchannel.subscription.command;

import com.cspchannel.events.customer.CustomerCreated;
import com.cspchannel.events.customer.OrderLine;
import com.cspchannel.events.subscription.RejectionReason;
import com.cspchannel.partnerdirectory.PartnerFacts;
import com.cspchannel.subscription.command.Commands.PlaceOrder;
import com.cspchannel.subscription.command.Commands.RejectOrder;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Fulfils the order the customer service accepted with a new customer. It was validated there; it is refused
 * here only for a fact that is definitive and newer: a partner of record whose partnership with the provider
 * has since been removed (new transactions naming that reseller are refused). Facts not known here yet (events
 * of another topic still on their way) never refuse an accepted order.
 */
@Component
public class OrderFulfilment {

    private final CommandGateway commands;
    private final PartnerFacts partners;
    private final JdbcTemplate jdbc;

    public OrderFulfilment(CommandGateway commands, PartnerFacts partners, JdbcTemplate jdbc) {
        this.commands = commands;
        this.partners = partners;
        this.jdbc = jdbc;
    }

    /** Runs in the consumer's transaction (the command joins it). */
    public void fulfilInitialOrder(CustomerCreated created) {
        var order = created.initialOrder();
        Long known = jdbc.queryForObject("select count(*) from customer_order where order_id = ?", Long.class,
                order.orderId());
        if (known != null && known > 0) {
            return;
        }
        List<RejectionReason> reasons = new ArrayList<>();
        for (OrderLine line : order.lineItems()) {
            if (line.partnerOnRecordTenantId() != null
                    && partners.partnershipRemoved(created.providerTenantId(), line.partnerOnRecordTenantId())) {
                reasons.add(new RejectionReason("lineItems[" + (line.lineItemNumber() - 1) + "].partnerIdOnRecord",
                        "reseller-not-partnered", "The partnership with the reseller of record " + line.partnerIdOnRecord()
                        + " was removed before the order could be fulfilled."));
            }
        }
        if (reasons.isEmpty()) {
            commands.sendAndWait(new PlaceOrder(order.orderId().toString(), created.customerId(),
                    created.providerTenantId(), order.lineItems(), "initial", created.createdBy()));
        } else {
            commands.sendAndWait(new RejectOrder(order.orderId().toString(), created.customerId(),
                    created.providerTenantId(), reasons, "subscription-service"));
        }
    }
}
