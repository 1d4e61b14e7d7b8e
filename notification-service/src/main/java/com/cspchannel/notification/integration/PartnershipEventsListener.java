package com.cspchannel.notification.integration;

import com.cspchannel.events.Topics;
import com.cspchannel.events.partnership.ProviderProfileRegistered;
import com.cspchannel.events.partnership.ProviderProfileUpdated;
import com.cspchannel.events.partnership.ResellerEnrolled;
import com.cspchannel.events.partnership.ResellerProfileUpdated;
import com.cspchannel.notification.catalogue.RecipientKind;
import com.cspchannel.notification.delivery.Notifications;
import com.cspchannel.notification.directory.Directory;
import com.cspchannel.notification.directory.Recipient;
import com.cspchannel.platform.consumer.EventConsumer;
import com.cspchannel.platform.consumer.ReceivedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Reads {@code csp.partnerships.events}: keeps the recipients (providers' and resellers' contact addresses and
 * languages) and notifies the provider of accepted and removed partnerships. Exactly once per event: the view
 * update, the notifications and the event id commit in one transaction.
 */
@Component
public class PartnershipEventsListener {

    static final String CONSUMER = "notification-service.partnerships";

    private final EventConsumer consumer;
    private final Directory directory;
    private final Notifications notifications;

    public PartnershipEventsListener(EventConsumer consumer, Directory directory, Notifications notifications) {
        this.consumer = consumer;
        this.directory = directory;
        this.notifications = notifications;
    }

    @KafkaListener(topics = Topics.PARTNERSHIPS)
    public void on(ConsumerRecord<String, byte[]> record) {
        consumer.apply(CONSUMER, record, this::apply);
    }

    private void apply(ReceivedEvent received) {
        Object event = received.event();
        if (event instanceof ProviderProfileRegistered e) {
            recipient(new Recipient(RecipientKind.provider, e.providerTenantId(), e.name(), e.contactEmail(),
                    e.preferredLanguage()), e.occurredAt());
        } else if (event instanceof ProviderProfileUpdated e) {
            recipient(new Recipient(RecipientKind.provider, e.providerTenantId(), e.name(), e.contactEmail(),
                    e.preferredLanguage()), e.occurredAt());
        } else if (event instanceof ResellerEnrolled e) {
            recipient(new Recipient(RecipientKind.reseller, e.resellerTenantId(), e.name(), e.contactEmail(),
                    e.preferredLanguage()), e.occurredAt());
        } else if (event instanceof ResellerProfileUpdated e) {
            recipient(new Recipient(RecipientKind.reseller, e.resellerTenantId(), e.name(), e.contactEmail(),
                    e.preferredLanguage()), e.occurredAt());
        }
        Notify.of(received, notifications); // PartnershipAccepted, PartnershipRemoved
    }

    private void recipient(Recipient recipient, Instant at) {
        directory.saveRecipient(recipient, at);
        notifications.recipientKnown(recipient.kind(), recipient.tenantId());
    }
}
