package com.cspchannel.notification.integration;

import com.cspchannel.events.PublicEvent;
import com.cspchannel.events.Topics;
import com.cspchannel.events.customer.CustomerCreated;
import com.cspchannel.events.partnership.ProviderProfileRegistered;
import com.cspchannel.events.partnership.ProviderProfileUpdated;
import com.cspchannel.events.partnership.ResellerEnrolled;
import com.cspchannel.events.partnership.ResellerProfileUpdated;
import com.cspchannel.events.subscription.SubscriptionCreated;
import com.cspchannel.events.subscription.SubscriptionUpgraded;
import com.cspchannel.notification.catalogue.NotificationIntent;
import com.cspchannel.notification.catalogue.NotificationRules;
import com.cspchannel.notification.catalogue.RecipientKind;
import com.cspchannel.notification.delivery.Notifications;
import com.cspchannel.notification.directory.Directory;
import com.cspchannel.notification.directory.Recipient;
import com.cspchannel.platform.consumer.EventHandlers;
import com.cspchannel.platform.consumer.ReceivedEvent;
import com.cspchannel.platform.consumer.TopicConsumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the three topics: keeps the directory the messages are written from (recipients' addresses and
 * languages, customer and subscription names) and writes the notifications the catalogue's rules give for each
 * event. Exactly once per event: the directory update, the notifications and the event id commit in one
 * transaction.
 */
@Component
public class NotificationConsumer extends TopicConsumer {

    private final Directory directory;
    private final Notifications notifications;

    /** {@code name} is set only where two instances with different databases share one broker (tests). */
    public NotificationConsumer(Directory directory, Notifications notifications,
                                @Value("${csp.notification.consumer:notification-service}") String name) {
        super(name, List.of(Topics.PARTNERSHIPS, Topics.CUSTOMERS, Topics.SUBSCRIPTIONS));
        this.directory = directory;
        this.notifications = notifications;
    }

    /** Each event first updates the directory (so that its own notification can name what it created), then notifies. */
    @Override
    public EventHandlers handlers() {
        EventHandlers directoryUpdates = EventHandlers.builder()
                .on(ProviderProfileRegistered.class, e -> recipient(new Recipient(RecipientKind.provider,
                        e.providerTenantId(), e.name(), e.contactEmail(), e.preferredLanguage()), e.occurredAt()))
                .on(ProviderProfileUpdated.class, e -> recipient(new Recipient(RecipientKind.provider,
                        e.providerTenantId(), e.name(), e.contactEmail(), e.preferredLanguage()), e.occurredAt()))
                .on(ResellerEnrolled.class, e -> recipient(new Recipient(RecipientKind.reseller,
                        e.resellerTenantId(), e.name(), e.contactEmail(), e.preferredLanguage()), e.occurredAt()))
                .on(ResellerProfileUpdated.class, e -> recipient(new Recipient(RecipientKind.reseller,
                        e.resellerTenantId(), e.name(), e.contactEmail(), e.preferredLanguage()), e.occurredAt()))
                .on(CustomerCreated.class, e -> directory.saveCustomer(e.customerId(),
                        e.companyProfile().companyName(), e.companyProfile().domain()))
                .on(SubscriptionCreated.class, e -> directory.saveSubscription(e.subscriptionId(), e.offerId(),
                        e.offerName()))
                .on(SubscriptionUpgraded.class, e -> directory.changeSubscriptionOffer(e.subscriptionId(),
                        e.toOfferId()))
                .build();
        Set<Class<? extends PublicEvent>> types = new HashSet<>(directoryUpdates.types());
        types.addAll(NotificationRules.TYPES);
        EventHandlers.Builder handlers = EventHandlers.builder();
        for (Class<? extends PublicEvent> type : types) {
            handlers.onAny(received -> {
                directoryUpdates.handle(received);
                notify(received);
            }, type);
        }
        return handlers.build();
    }

    private void notify(ReceivedEvent received) {
        List<NotificationIntent> intents = NotificationRules.intentsFor(received.event(),
                received.headers().reassignmentJobId());
        if (!intents.isEmpty()) {
            notifications.create(received.event().eventId(), received.headers().type(), intents);
        }
    }

    private void recipient(Recipient recipient, Instant at) {
        directory.saveRecipient(recipient, at);
        notifications.recipientKnown(recipient.kind(), recipient.tenantId());
    }
}
