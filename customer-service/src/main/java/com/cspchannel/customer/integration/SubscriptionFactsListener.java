package com.cspchannel.customer.integration;

import com.cspchannel.events.EventCodec;
import com.cspchannel.events.Topics;
import com.cspchannel.events.subscription.OrderPlaced;
import com.cspchannel.events.subscription.OrderRejected;
import com.cspchannel.events.subscription.SubscriptionCreated;
import com.cspchannel.events.subscription.SubscriptionUpgraded;
import com.cspchannel.platform.consumer.EventHandlers;
import com.cspchannel.platform.consumer.TopicConsumer;
import com.cspchannel.rules.catalogue.Offer;
import com.cspchannel.rules.catalogue.OfferCatalogue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * Learns from {@code csp.subscriptions.events} what subscription-service did with each customer's initial order
 * (the customer resource shows it), and which customers hold an Azure plan (a tenant-owner grant is only for an
 * Azure customer). Exactly once per event, like every
 * consumer; the writes are idempotent anyway, so a replayed topic changes nothing.
 */
@Component
public class SubscriptionFactsListener extends TopicConsumer {

    private final JdbcTemplate jdbc;

    public SubscriptionFactsListener(JdbcTemplate jdbc) {
        super("customer-service.subscriptions", List.of(Topics.SUBSCRIPTIONS));
        this.jdbc = jdbc;
    }

    @Override
    public EventHandlers handlers() {
        return EventHandlers.builder()
                .on(OrderPlaced.class, e -> jdbc.update("""
                        update customer set initial_order_state = 'fulfilled'
                        where customer_id = ? and initial_order ->> 'orderId' = ?""", e.customerId(),
                        e.orderId().toString()))
                .on(OrderRejected.class, e -> jdbc.update("""
                        update customer set initial_order_state = 'rejected', initial_order_reasons = ?::jsonb
                        where customer_id = ? and initial_order ->> 'orderId' = ?""", json(e.reasons()),
                        e.customerId(), e.orderId().toString()))
                .on(SubscriptionCreated.class, e -> {
                    if (azurePlan(e.offerId())) {
                        holds(e.customerId(), e.subscriptionId());
                    }
                })
                .on(SubscriptionUpgraded.class, e -> {
                    if (azurePlan(e.toOfferId())) {
                        holds(e.customerId(), e.subscriptionId());
                    } else {
                        jdbc.update("delete from customer_azure_plan where customer_id = ? and subscription_id = ?",
                                e.customerId(), e.subscriptionId());
                    }
                })
                .build();
    }

    private String json(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void holds(UUID customerId, UUID subscriptionId) {
        jdbc.update("insert into customer_azure_plan (customer_id, subscription_id) values (?, ?) "
                + "on conflict do nothing", customerId, subscriptionId);
    }

    private static boolean azurePlan(String offerId) {
        return OfferCatalogue.find(offerId).map(Offer::azurePlan).orElse(false);
    }
}
