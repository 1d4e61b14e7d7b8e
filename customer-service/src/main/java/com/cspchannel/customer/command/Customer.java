package com.cspchannel.customer.command;

import com.cspchannel.customer.command.Commands.AssociateReseller;
import com.cspchannel.customer.command.Commands.CreateCustomer;
import com.cspchannel.customer.command.Commands.GrantTenantOwner;
import com.cspchannel.customer.command.Commands.ResetAdminPassword;
import com.cspchannel.customer.command.Commands.RevokeDelegatedAdmin;
import com.cspchannel.customer.command.Commands.RevokeTenantOwner;
import com.cspchannel.events.customer.AdminPasswordReset;
import com.cspchannel.events.customer.CustomerCreated;
import com.cspchannel.events.customer.DelegatedAdminGranted;
import com.cspchannel.events.customer.DelegatedAdminRevoked;
import com.cspchannel.events.customer.ResellerAssociated;
import com.cspchannel.events.customer.TenantOwnerGranted;
import com.cspchannel.events.customer.TenantOwnerRevoked;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A customer of one provider, optionally administered by one reseller (delegated administration), which may
 * also hold a tenant-owner grant. The admin's password never reaches the aggregate: only the fact of a reset.
 */
@Aggregate
public class Customer {

    @AggregateIdentifier
    private String customerId;
    private UUID id;
    private UUID providerTenantId;
    private UUID associatedReseller;
    private UUID tenantOwner;
    private String adminUserName;

    protected Customer() {
    }

    @CommandHandler
    public Customer(CreateCustomer command, Clock clock) {
        UUID customer = UUID.fromString(command.customerId());
        apply(new CustomerCreated(UUID.randomUUID(), clock.instant(), customer, command.providerTenantId(),
                command.companyProfile(), command.billingProfile(), command.associatedPartnerId(),
                command.adminUserName(), command.initialOrder(), command.createdBy()));
        if (command.associatedPartnerId() != null) {
            apply(new DelegatedAdminGranted(UUID.randomUUID(), clock.instant(), customer, command.providerTenantId(),
                    command.associatedPartnerId(), command.createdBy()));
        }
    }

    @CommandHandler
    public void handle(AssociateReseller command, Clock clock) {
        requireProvider(command.providerTenantId());
        if (command.resellerTenantId().equals(associatedReseller)) {
            return;
        }
        UUID previous = associatedReseller;
        if (previous != null) {
            revokeAll(previous, command.associatedBy(), "another reseller was associated", clock);
        }
        apply(new ResellerAssociated(UUID.randomUUID(), clock.instant(), id, providerTenantId,
                command.resellerTenantId(), previous, command.associatedBy()));
        apply(new DelegatedAdminGranted(UUID.randomUUID(), clock.instant(), id, providerTenantId,
                command.resellerTenantId(), command.associatedBy()));
    }

    @CommandHandler
    public void handle(RevokeDelegatedAdmin command, Clock clock) {
        requireProvider(command.providerTenantId());
        if (associatedReseller == null) {
            throw CustomerErrors.noResellerAssociated();
        }
        revokeAll(associatedReseller, command.revokedBy(), command.reason(), clock);
    }

    @CommandHandler
    public void handle(GrantTenantOwner command, Clock clock) {
        requireProvider(command.providerTenantId());
        if (associatedReseller == null) {
            throw CustomerErrors.noResellerAssociated();
        }
        if (!associatedReseller.equals(tenantOwner)) {
            apply(new TenantOwnerGranted(UUID.randomUUID(), clock.instant(), id, providerTenantId, associatedReseller,
                    command.grantedBy()));
        }
    }

    @CommandHandler
    public void handle(RevokeTenantOwner command, Clock clock) {
        requireProvider(command.providerTenantId());
        if (tenantOwner == null) {
            throw CustomerErrors.noTenantOwnerGrant();
        }
        apply(new TenantOwnerRevoked(UUID.randomUUID(), clock.instant(), id, providerTenantId, tenantOwner,
                command.revokedBy()));
    }

    @CommandHandler
    public String handle(ResetAdminPassword command, Clock clock) {
        requireProvider(command.providerTenantId());
        apply(new AdminPasswordReset(UUID.randomUUID(), clock.instant(), id, providerTenantId, adminUserName,
                command.resetBy()));
        return adminUserName;
    }

    private void revokeAll(UUID reseller, String by, String reason, Clock clock) {
        if (reseller.equals(tenantOwner)) {
            apply(new TenantOwnerRevoked(UUID.randomUUID(), clock.instant(), id, providerTenantId, reseller, by));
        }
        apply(new DelegatedAdminRevoked(UUID.randomUUID(), clock.instant(), id, providerTenantId, reseller, by,
                reason));
    }

    /** Another provider's customer does not exist for this caller. */
    private void requireProvider(UUID caller) {
        if (!Objects.equals(caller, providerTenantId)) {
            throw CustomerErrors.customerNotFound();
        }
    }

    @EventSourcingHandler
    void on(CustomerCreated event) {
        customerId = event.customerId().toString();
        id = event.customerId();
        providerTenantId = event.providerTenantId();
        adminUserName = event.adminUserName();
    }

    @EventSourcingHandler
    void on(DelegatedAdminGranted event) {
        associatedReseller = event.resellerTenantId();
    }

    @EventSourcingHandler
    void on(DelegatedAdminRevoked event) {
        associatedReseller = null;
    }

    @EventSourcingHandler
    void on(TenantOwnerGranted event) {
        tenantOwner = event.resellerTenantId();
    }

    @EventSourcingHandler
    void on(TenantOwnerRevoked event) {
        tenantOwner = null;
    }
}
