package com.cspchannel.partnership.integration;

import com.cspchannel.events.PublicEvent;
import com.cspchannel.events.customer.DelegatedAdminGranted;
import com.cspchannel.events.customer.DelegatedAdminRevoked;
import com.cspchannel.events.customer.TenantOwnerGranted;
import com.cspchannel.events.customer.TenantOwnerRevoked;
import com.cspchannel.events.partnership.PartnershipAccepted;
import com.cspchannel.events.partnership.PartnershipRemoved;
import com.cspchannel.events.subscription.ResellerOfRecordChanged;
import com.cspchannel.events.subscription.SubscriptionCreated;
import com.cspchannel.events.subscription.SupportContactDesignated;
import com.cspchannel.events.subscription.SupportContactReset;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * Turns events into association intervals of one generation of the view: a grant opens an interval, a revoke
 * or a change closes the open one. Called once per event (the caller de-duplicates), in order per aggregate.
 */
public class AssociationWriter {

    private final JdbcTemplate jdbc;

    public AssociationWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void apply(int generation, PublicEvent event) {
        if (event instanceof PartnershipAccepted e) {
            open(generation, e.eventId(), AssociationKind.partnership, e.providerTenantId(), e.resellerTenantId(),
                    e.providerTenantId(), null, null, e.occurredAt());
        } else if (event instanceof PartnershipRemoved e) {
            close(generation, AssociationKind.partnership, e.providerTenantId(), e.resellerTenantId(), e.occurredAt());
        } else if (event instanceof DelegatedAdminGranted e) {
            open(generation, e.eventId(), AssociationKind.customer_admin, e.providerTenantId(), e.resellerTenantId(),
                    e.customerId(), e.customerId(), null, e.occurredAt());
        } else if (event instanceof DelegatedAdminRevoked e) {
            close(generation, AssociationKind.customer_admin, e.customerId(), e.resellerTenantId(), e.occurredAt());
        } else if (event instanceof TenantOwnerGranted e) {
            open(generation, e.eventId(), AssociationKind.tenant_owner, e.providerTenantId(), e.resellerTenantId(),
                    e.customerId(), e.customerId(), null, e.occurredAt());
        } else if (event instanceof TenantOwnerRevoked e) {
            close(generation, AssociationKind.tenant_owner, e.customerId(), e.resellerTenantId(), e.occurredAt());
        } else if (event instanceof SubscriptionCreated e) {
            if (e.resellerTenantId() != null) {
                open(generation, e.eventId(), AssociationKind.reseller_of_record, e.providerTenantId(),
                        e.resellerTenantId(), e.subscriptionId(), e.customerId(), e.partnerId(), e.occurredAt());
            }
        } else if (event instanceof ResellerOfRecordChanged e) {
            if (e.fromResellerTenantId() != null) {
                close(generation, AssociationKind.reseller_of_record, e.subscriptionId(), e.fromResellerTenantId(),
                        e.occurredAt());
            }
            if (e.toResellerTenantId() != null) {
                open(generation, e.eventId(), AssociationKind.reseller_of_record, e.providerTenantId(),
                        e.toResellerTenantId(), e.subscriptionId(), e.customerId(), e.toPartnerId(), e.occurredAt());
            }
        } else if (event instanceof SupportContactDesignated e) {
            if (e.previousSupportTenantId() != null) {
                close(generation, AssociationKind.support_contact, e.subscriptionId(), e.previousSupportTenantId(),
                        e.occurredAt());
            }
            open(generation, e.eventId(), AssociationKind.support_contact, e.providerTenantId(), e.supportTenantId(),
                    e.subscriptionId(), e.customerId(), e.supportMpnId(), e.occurredAt());
        } else if (event instanceof SupportContactReset e) {
            close(generation, AssociationKind.support_contact, e.subscriptionId(), e.previousSupportTenantId(),
                    e.occurredAt());
        }
    }

    private void open(int generation, UUID eventId, AssociationKind kind, UUID provider, UUID reseller, UUID subject,
                      UUID customer, String partnerId, Instant since) {
        jdbc.update("""
                insert into reseller_association (generation, opened_by_event, kind, provider_tenant_id,
                    reseller_tenant_id, subject_id, customer_id, partner_id, since)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                generation, eventId, kind.name(), provider, reseller, subject, customer, partnerId,
                Timestamp.from(since));
    }

    private void close(int generation, AssociationKind kind, UUID subject, UUID reseller, Instant until) {
        jdbc.update("""
                update reseller_association set until = ?
                where generation = ? and kind = ? and subject_id = ? and reseller_tenant_id = ? and until is null""",
                Timestamp.from(until), generation, kind.name(), subject, reseller);
    }
}
