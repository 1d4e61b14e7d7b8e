package com.cspchannel.subscription.command;

import com.cspchannel.rules.catalogue.Offer;
import com.cspchannel.rules.catalogue.OfferCatalogue;
import com.cspchannel.events.customer.OrderLine;
import com.cspchannel.events.subscription.ResellerOfRecordChanged;
import com.cspchannel.events.subscription.SubscriptionCreated;
import com.cspchannel.events.subscription.SubscriptionQuantityChanged;
import com.cspchannel.events.subscription.SubscriptionUpgraded;
import com.cspchannel.events.subscription.SupportContactDesignated;
import com.cspchannel.events.subscription.SupportContactReset;
import com.cspchannel.subscription.command.Commands.ChangeQuantity;
import com.cspchannel.subscription.command.Commands.ChangeResellerOfRecord;
import com.cspchannel.subscription.command.Commands.DesignateSupportContact;
import com.cspchannel.subscription.command.Commands.ResetSupportContact;
import com.cspchannel.subscription.command.Commands.Upgrade;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A subscription: an offer with a license count, its reseller of record (credit for incentives) and its
 * designated support contact (the provider unless a reseller is designated). Facts about other services
 * (is the reseller partnered, is its PartnerID a PLA id) are checked before a command is sent.
 */
@Aggregate
public class Subscription {

    @AggregateIdentifier
    private String subscriptionId;
    private UUID id;
    private UUID customerId;
    private UUID providerTenantId;
    private String offerId;
    private int quantity;
    private Instant purchasedAt;
    private String partnerId;
    private UUID resellerTenantId;
    private UUID supportTenantId;
    private String supportMpnId;
    private String supportName;

    protected Subscription() {
    }

    Subscription(UUID subscriptionId, UUID orderId, UUID customerId, UUID providerTenantId, OrderLine line,
                 String offerName, String createdBy, Clock clock) {
        apply(new SubscriptionCreated(UUID.randomUUID(), clock.instant(), subscriptionId, orderId, customerId,
                providerTenantId, line.offerId(), offerName, line.quantity(), line.partnerIdOnRecord(),
                line.partnerOnRecordTenantId(), createdBy));
    }

    @CommandHandler
    public void handle(ChangeQuantity command, Clock clock) {
        requireProvider(command.providerTenantId());
        Offer offer = OfferCatalogue.find(offerId).orElseThrow();
        if (!offer.allowsQuantity(command.quantity())) {
            throw SubscriptionErrors.quantityOutOfRange(offer.name(), offer.minQuantity(), offer.maxQuantity());
        }
        if (command.quantity() == quantity) {
            return;
        }
        if (command.quantity() < quantity && clock.instant().isAfter(purchasedAt.plus(command.decreaseWindow()))) {
            throw SubscriptionErrors.decreaseWindowClosed(command.decreaseWindow().toDays());
        }
        apply(new SubscriptionQuantityChanged(UUID.randomUUID(), clock.instant(), id, customerId, providerTenantId,
                quantity, command.quantity(), command.changedBy()));
    }

    @CommandHandler
    public void handle(Upgrade command, Clock clock) {
        requireProvider(command.providerTenantId());
        Offer current = OfferCatalogue.find(offerId).orElseThrow();
        Offer target = OfferCatalogue.find(command.targetOfferId())
                .filter(t -> current.upgradeTargets().contains(t.offerId()))
                .orElseThrow(() -> SubscriptionErrors.upgradeNotAllowed(offerId, command.targetOfferId()));
        int licenses = command.quantity() == null ? quantity : command.quantity();
        if (!target.allowsQuantity(licenses)) {
            throw SubscriptionErrors.quantityOutOfRange(target.name(), target.minQuantity(), target.maxQuantity());
        }
        apply(new SubscriptionUpgraded(UUID.randomUUID(), clock.instant(), id, customerId, providerTenantId, offerId,
                target.offerId(), licenses, command.upgradedBy()));
    }

    @CommandHandler
    public void handle(ChangeResellerOfRecord command, Clock clock) {
        requireProvider(command.providerTenantId());
        if (Objects.equals(command.partnerId(), partnerId)) {
            return;
        }
        apply(new ResellerOfRecordChanged(UUID.randomUUID(), clock.instant(), id, customerId, providerTenantId,
                partnerId, resellerTenantId, command.partnerId(), command.resellerTenantId(), command.changedBy()));
    }

    @CommandHandler
    public void handle(DesignateSupportContact command, Clock clock) {
        requireProvider(command.providerTenantId());
        if (command.supportTenantId().equals(supportTenantId) && command.supportMpnId().equals(supportMpnId)
                && command.name().equals(supportName)) {
            return;
        }
        apply(new SupportContactDesignated(UUID.randomUUID(), clock.instant(), id, customerId, providerTenantId,
                command.supportTenantId(), command.supportMpnId(), command.name(), supportTenantId,
                command.designatedBy()));
    }

    @CommandHandler
    public void handle(ResetSupportContact command, Clock clock) {
        requireProvider(command.providerTenantId());
        if (supportTenantId == null) {
            return;
        }
        apply(new SupportContactReset(UUID.randomUUID(), clock.instant(), id, customerId, providerTenantId,
                supportTenantId, command.resetBy()));
    }

    /** Another provider's subscription does not exist for this caller. */
    private void requireProvider(UUID caller) {
        if (!Objects.equals(caller, providerTenantId)) {
            throw SubscriptionErrors.subscriptionNotFound();
        }
    }

    @EventSourcingHandler
    void on(SubscriptionCreated event) {
        subscriptionId = event.subscriptionId().toString();
        id = event.subscriptionId();
        customerId = event.customerId();
        providerTenantId = event.providerTenantId();
        offerId = event.offerId();
        quantity = event.quantity();
        purchasedAt = event.occurredAt();
        partnerId = event.partnerId();
        resellerTenantId = event.resellerTenantId();
    }

    @EventSourcingHandler
    void on(SubscriptionQuantityChanged event) {
        quantity = event.toQuantity();
    }

    @EventSourcingHandler
    void on(SubscriptionUpgraded event) {
        offerId = event.toOfferId();
        quantity = event.quantity();
    }

    @EventSourcingHandler
    void on(ResellerOfRecordChanged event) {
        partnerId = event.toPartnerId();
        resellerTenantId = event.toResellerTenantId();
    }

    @EventSourcingHandler
    void on(SupportContactDesignated event) {
        supportTenantId = event.supportTenantId();
        supportMpnId = event.supportMpnId();
        supportName = event.name();
    }

    @EventSourcingHandler
    void on(SupportContactReset event) {
        supportTenantId = null;
        supportMpnId = null;
        supportName = null;
    }
}
