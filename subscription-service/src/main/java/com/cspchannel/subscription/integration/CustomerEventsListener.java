package com.cspchannel.subscription.integration;

import com.cspchannel.events.Topics;
import com.cspchannel.events.customer.CustomerCreated;
import com.cspchannel.events.customer.DelegatedAdminGranted;
import com.cspchannel.events.customer.DelegatedAdminRevoked;
import com.cspchannel.platform.consumer.EventConsumer;
import com.cspchannel.platform.consumer.ReceivedEvent;
import com.cspchannel.subscription.command.OrderFulfilment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the known customers (owner, administering reseller) from {@code csp.customers.events} and fulfils the
 * order accepted with each new customer, in the same transaction as the consumed event id: exactly once per
 * event, and once per order id.
 */
@Component
public class CustomerEventsListener {

    private static final String CONSUMER = "subscription-service.customers";
    private final EventConsumer consumer;
    private final JdbcTemplate jdbc;
    private final OrderFulfilment fulfilment;

    public CustomerEventsListener(EventConsumer consumer, JdbcTemplate jdbc, OrderFulfilment fulfilment) {
        this.consumer = consumer;
        this.jdbc = jdbc;
        this.fulfilment = fulfilment;
    }

    @KafkaListener(topics = Topics.CUSTOMERS, groupId = "subscription-service.customers")
    public void on(ConsumerRecord<String, byte[]> record) {
        consumer.apply(CONSUMER, record, this::apply);
    }

    private void apply(ReceivedEvent received) {
        Object event = received.event();
        if (event instanceof CustomerCreated e) {
            jdbc.update("""
                    insert into known_customer (customer_id, provider_tenant_id, company_name, associated_reseller)
                    values (?, ?, ?, ?) on conflict (customer_id) do nothing""",
                    e.customerId(), e.providerTenantId(), e.companyProfile().companyName(), e.associatedPartnerId());
            if (e.initialOrder() != null) {
                fulfilment.fulfilInitialOrder(e);
            }
        } else if (event instanceof DelegatedAdminGranted e) {
            jdbc.update("update known_customer set associated_reseller = ? where customer_id = ?",
                    e.resellerTenantId(), e.customerId());
        } else if (event instanceof DelegatedAdminRevoked e) {
            jdbc.update("update known_customer set associated_reseller = null where customer_id = ? "
                    + "and associated_reseller = ?", e.customerId(), e.resellerTenantId());
        }
    }
}
