package com.cspchannel.customer.command;

import com.cspchannel.events.customer.AcceptedOrder;
import com.cspchannel.events.customer.BillingProfile;
import com.cspchannel.events.customer.CompanyProfile;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.util.UUID;

/** The commands of the customer service. Every command carries the caller's provider tenant. */
public final class Commands {

    private Commands() {
    }

    public record CreateCustomer(@TargetAggregateIdentifier String customerId, UUID providerTenantId,
                                 CompanyProfile companyProfile, BillingProfile billingProfile,
                                 UUID associatedPartnerId, String adminUserName, AcceptedOrder initialOrder,
                                 String createdBy) {
    }

    public record AssociateReseller(@TargetAggregateIdentifier String customerId,
                                    @TargetAggregateVersion Long expectedVersion, UUID providerTenantId,
                                    UUID resellerTenantId, String associatedBy) {
    }

    public record RevokeDelegatedAdmin(@TargetAggregateIdentifier String customerId,
                                       @TargetAggregateVersion Long expectedVersion, UUID providerTenantId,
                                       String revokedBy, String reason) {
    }

    public record GrantTenantOwner(@TargetAggregateIdentifier String customerId, UUID providerTenantId,
                                   String grantedBy) {
    }

    public record RevokeTenantOwner(@TargetAggregateIdentifier String customerId, UUID providerTenantId,
                                    String revokedBy) {
    }

    public record ResetAdminPassword(@TargetAggregateIdentifier String customerId, UUID providerTenantId,
                                     String resetBy) {
    }
}
