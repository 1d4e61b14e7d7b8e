package com.cspchannel.customer.query;

import com.cspchannel.events.customer.CustomerCreated;
import com.cspchannel.events.customer.DelegatedAdminGranted;
import com.cspchannel.events.customer.DelegatedAdminRevoked;
import com.cspchannel.events.customer.TenantOwnerGranted;
import com.cspchannel.events.customer.TenantOwnerRevoked;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.Locale;

/**
 * Keeps the {@code customer} and {@code customer_domain} tables in the command's transaction (subscribing
 * processor). The domain's primary key makes a concurrent second customer with the same domain fail and roll
 * back its command.
 */
@Component
@ProcessingGroup("customer-views")
public class CustomerProjection {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public CustomerProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(CustomerCreated e, @SequenceNumber long version) throws JsonProcessingException {
        String domain = e.companyProfile().domain().toLowerCase(Locale.ROOT);
        jdbc.update("insert into customer_domain (domain, customer_id) values (?, ?)", domain, e.customerId());
        jdbc.update("""
                insert into customer (customer_id, provider_tenant_id, company_name, domain, billing_profile,
                    associated_reseller, admin_user_name, created_at, version, initial_order)
                values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?::jsonb)""",
                e.customerId(), e.providerTenantId(), e.companyProfile().companyName(), domain,
                json.writeValueAsString(e.billingProfile()), e.associatedPartnerId(), e.adminUserName(),
                Timestamp.from(e.occurredAt()), version,
                e.initialOrder() == null ? null : json.writeValueAsString(e.initialOrder()));
    }

    @EventHandler
    void on(DelegatedAdminGranted e, @SequenceNumber long version) {
        jdbc.update("update customer set associated_reseller = ?, version = ? where customer_id = ?",
                e.resellerTenantId(), version, e.customerId());
    }

    @EventHandler
    void on(DelegatedAdminRevoked e, @SequenceNumber long version) {
        jdbc.update("update customer set associated_reseller = null, version = ? where customer_id = ?",
                version, e.customerId());
    }

    @EventHandler
    void on(TenantOwnerGranted e, @SequenceNumber long version) {
        jdbc.update("update customer set tenant_owner_reseller = ?, version = ? where customer_id = ?",
                e.resellerTenantId(), version, e.customerId());
    }

    @EventHandler
    void on(TenantOwnerRevoked e, @SequenceNumber long version) {
        jdbc.update("update customer set tenant_owner_reseller = null, version = ? where customer_id = ?",
                version, e.customerId());
    }

    @EventHandler
    void on(com.cspchannel.events.customer.AdminPasswordReset e, @SequenceNumber long version) {
        jdbc.update("update customer set version = ? where customer_id = ?", version, e.customerId());
    }

    @EventHandler
    void on(com.cspchannel.events.customer.ResellerAssociated e, @SequenceNumber long version) {
        jdbc.update("update customer set version = ? where customer_id = ?", version, e.customerId());
    }
}
