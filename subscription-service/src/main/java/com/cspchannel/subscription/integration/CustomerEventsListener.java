package com.cspchannel.subscription.integration;

import com.cspchannel.events.Topics;
import com.cspchannel.events.customer.CustomerCreated;
import com.cspchannel.events.customer.DelegatedAdminGranted;
import com.cspchannel.events.customer.DelegatedAdminRevoked;
import com.cspchannel.platform.consumer.EventHandlers;
import com.cspchannel.platform.consumer.TopicConsumer;
import com.cspchannel.subscription.command.OrderFulfilment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Keeps the known customers (owner, administering reseller) from {@code csp.customers.events} and fulfils the
 * order accepted with each new customer, in the same transaction as the consumed event id: exactly once per
 * event, and once per order id.
 */
@Component
public class CustomerEventsListener extends TopicConsumer {

    private final JdbcTemplate jdbc;
    private final OrderFulfilment fulfilment;

    public CustomerEventsListener(JdbcTemplate jdbc, OrderFulfilment fulfilment) {
        super("subscription-service.customers", List.of(Topics.CUSTOMERS));
        this.jdbc = jdbc;
        this.fulfilment = fulfilment;
    }

    @Override
    public EventHandlers handlers() {
        return EventHandlers.builder()
                .on(CustomerCreated.class, this::created)
                .on(DelegatedAdminGranted.class, e -> jdbc.update(
                        "update known_customer set associated_reseller = ? where customer_id = ?",
                        e.resellerTenantId(), e.customerId()))
                .on(DelegatedAdminRevoked.class, e -> jdbc.update("update known_customer set associated_reseller = "
                        + "null where customer_id = ? and associated_reseller = ?", e.customerId(), e.resellerTenantId()))
                .build();
    }

    private void created(CustomerCreated e) {
        jdbc.update("""
                insert into known_customer (customer_id, provider_tenant_id, company_name, associated_reseller)
                values (?, ?, ?, ?) on conflict (customer_id) do nothing""",
                e.customerId(), e.providerTenantId(), e.companyProfile().companyName(), e.associatedPartnerId());
        if (e.initialOrder() != null) {
            fulfilment.fulfilInitialOrder(e);
        }
    }
}
