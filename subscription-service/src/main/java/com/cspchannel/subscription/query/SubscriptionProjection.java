package com.cspchannel.subscription.query;

import com.cspchannel.events.subscription.OrderPlaced;
import com.cspchannel.events.subscription.OrderRejected;
import com.cspchannel.events.subscription.ResellerOfRecordChanged;
import com.cspchannel.events.subscription.SubscriptionCreated;
import com.cspchannel.events.subscription.SubscriptionQuantityChanged;
import com.cspchannel.events.subscription.SubscriptionUpgraded;
import com.cspchannel.events.subscription.SupportContactDesignated;
import com.cspchannel.events.subscription.SupportContactReset;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/** Keeps the order and subscription tables in the command's transaction (subscribing processor). */
@Component
@ProcessingGroup("subscription-views")
public class SubscriptionProjection {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public SubscriptionProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(OrderPlaced e) throws JsonProcessingException {
        jdbc.update("""
                insert into customer_order (order_id, customer_id, provider_tenant_id, status, source, line_items,
                    created_at) values (?, ?, ?, 'placed', ?, ?::jsonb, ?)""",
                e.orderId(), e.customerId(), e.providerTenantId(), e.source(), json.writeValueAsString(e.lineItems()),
                Timestamp.from(e.occurredAt()));
    }

    @EventHandler
    void on(OrderRejected e) throws JsonProcessingException {
        jdbc.update("""
                insert into customer_order (order_id, customer_id, provider_tenant_id, status, source, line_items,
                    reasons, created_at) values (?, ?, ?, 'rejected', 'initial', '[]'::jsonb, ?::jsonb, ?)""",
                e.orderId(), e.customerId(), e.providerTenantId(), json.writeValueAsString(e.reasons()),
                Timestamp.from(e.occurredAt()));
    }

    @EventHandler
    void on(SubscriptionCreated e, @SequenceNumber long version) {
        jdbc.update("""
                insert into subscription (subscription_id, order_id, customer_id, provider_tenant_id, offer_id,
                    offer_name, quantity, status, partner_id, reseller_tenant_id, purchased_at, version)
                values (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?)""",
                e.subscriptionId(), e.orderId(), e.customerId(), e.providerTenantId(), e.offerId(), e.offerName(),
                e.quantity(), e.partnerId(), e.resellerTenantId(), Timestamp.from(e.occurredAt()), version);
    }

    @EventHandler
    void on(SubscriptionQuantityChanged e, @SequenceNumber long version) {
        jdbc.update("update subscription set quantity = ?, version = ? where subscription_id = ?",
                e.toQuantity(), version, e.subscriptionId());
    }

    @EventHandler
    void on(SubscriptionUpgraded e, @SequenceNumber long version) {
        String offerName = com.cspchannel.rules.catalogue.OfferCatalogue.find(e.toOfferId())
                .map(offer -> offer.name()).orElse(e.toOfferId());
        jdbc.update("update subscription set offer_id = ?, offer_name = ?, quantity = ?, version = ? "
                + "where subscription_id = ?", e.toOfferId(), offerName, e.quantity(), version, e.subscriptionId());
    }

    @EventHandler
    void on(ResellerOfRecordChanged e, @SequenceNumber long version) {
        jdbc.update("update subscription set partner_id = ?, reseller_tenant_id = ?, version = ? where subscription_id = ?",
                e.toPartnerId(), e.toResellerTenantId(), version, e.subscriptionId());
    }

    @EventHandler
    void on(SupportContactDesignated e, @SequenceNumber long version) {
        jdbc.update("""
                update subscription set support_tenant_id = ?, support_mpn_id = ?, support_name = ?, version = ?
                where subscription_id = ?""",
                e.supportTenantId(), e.supportMpnId(), e.name(), version, e.subscriptionId());
    }

    @EventHandler
    void on(SupportContactReset e, @SequenceNumber long version) {
        jdbc.update("""
                update subscription set support_tenant_id = null, support_mpn_id = null, support_name = null,
                    version = ? where subscription_id = ?""", version, e.subscriptionId());
    }
}
