package com.cspchannel.subscription.command;

import com.cspchannel.events.customer.OrderLine;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** The commands of the subscription service. Every command carries the caller's provider tenant. */
public final class Commands {

    private Commands() {
    }

    /** Places a validated order: one subscription per line ({@code source} initial or api). */
    public record PlaceOrder(@TargetAggregateIdentifier String orderId, UUID customerId, UUID providerTenantId,
                             List<OrderLine> lineItems, String source, String placedBy) {
    }

    /** Records that an accepted order could not be fulfilled. */
    public record ChangeQuantity(@TargetAggregateIdentifier String subscriptionId,
                                 @TargetAggregateVersion Long expectedVersion, UUID providerTenantId, int quantity,
                                 Duration decreaseWindow, String changedBy) {
    }

    public record Upgrade(@TargetAggregateIdentifier String subscriptionId, @TargetAggregateVersion Long expectedVersion,
                          UUID providerTenantId, String targetOfferId, Integer quantity, String upgradedBy) {
    }

    /** Names (verified) or clears ({@code partnerId} null) the reseller of record. */
    public record ChangeResellerOfRecord(@TargetAggregateIdentifier String subscriptionId,
                                         @TargetAggregateVersion Long expectedVersion, UUID providerTenantId,
                                         String partnerId, UUID resellerTenantId, String changedBy) {
    }

    public record DesignateSupportContact(@TargetAggregateIdentifier String subscriptionId,
                                          @TargetAggregateVersion Long expectedVersion, UUID providerTenantId,
                                          UUID supportTenantId, String supportMpnId, String name,
                                          String designatedBy) {
    }

    public record ResetSupportContact(@TargetAggregateIdentifier String subscriptionId,
                                      @TargetAggregateVersion Long expectedVersion, UUID providerTenantId,
                                      String resetBy) {
    }
}
