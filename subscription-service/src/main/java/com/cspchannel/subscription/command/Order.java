package com.cspchannel.subscription.command;

import com.cspchannel.rules.catalogue.OfferCatalogue;
import com.cspchannel.events.customer.OrderLine;
import com.cspchannel.events.subscription.OrderPlaced;
import com.cspchannel.events.subscription.OrderRejected;
import com.cspchannel.subscription.command.Commands.PlaceOrder;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

/**
 * An order, placed or rejected as a whole. Placing it creates one subscription per line in the same unit of
 * work: either the order and all its subscriptions exist, or nothing does. An order id exists once, so an
 * order delivered twice is fulfilled once.
 */
@Aggregate
public class Order {

    @AggregateIdentifier
    private String orderId;

    protected Order() {
    }

    @CommandHandler
    public Order(PlaceOrder command, Clock clock) {
        UUID id = UUID.fromString(command.orderId());
        // andThen: the subscriptions are created after the order is placed, so their events follow its event
        apply(new OrderPlaced(UUID.randomUUID(), clock.instant(), id, command.customerId(), command.providerTenantId(),
                command.lineItems(), command.source(), command.placedBy())).andThen(() -> {
            for (OrderLine line : command.lineItems()) {
                String offerName = OfferCatalogue.find(line.offerId()).map(o -> o.name()).orElse(line.offerId());
                try {
                    createNew(Subscription.class, () -> new Subscription(subscriptionIdOf(id, line.lineItemNumber()), id,
                            command.customerId(), command.providerTenantId(), line, offerName, command.placedBy(),
                            clock));
                } catch (Exception e) {
                    throw new IllegalStateException("cannot create the subscription of line " + line.lineItemNumber(), e);
                }
            }
        });
    }

    /** Subscription ids follow from the order and line, so fulfilling an order twice cannot create twice. */
    static UUID subscriptionIdOf(UUID orderId, int lineItemNumber) {
        return UUID.nameUUIDFromBytes((orderId + "/" + lineItemNumber).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @EventSourcingHandler
    void on(OrderPlaced event) {
        orderId = event.orderId().toString();
    }

    /** Orders are no longer rejected after acceptance (see OrderFulfilment); stores written before still hold some. */
    @EventSourcingHandler
    void on(OrderRejected event) {
        orderId = event.orderId().toString();
    }
}
