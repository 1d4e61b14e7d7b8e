package com.cspchannel.notification.integration;

import com.cspchannel.events.Topics;
import com.cspchannel.events.subscription.SubscriptionCreated;
import com.cspchannel.events.subscription.SubscriptionUpgraded;
import com.cspchannel.notification.delivery.Notifications;
import com.cspchannel.notification.directory.Directory;
import com.cspchannel.platform.consumer.EventConsumer;
import com.cspchannel.platform.consumer.ReceivedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads {@code csp.subscriptions.events}: keeps subscriptions' offer names for the messages and notifies
 * rejected orders (the provider), reseller-of-record changes (the reseller that gained it and the one that lost
 * it) and support-contact changes (the reseller designated, the reseller that lost it).
 */
@Component
public class SubscriptionEventsListener {

    static final String CONSUMER = "notification-service.subscriptions";

    private final EventConsumer consumer;
    private final Directory directory;
    private final Notifications notifications;

    public SubscriptionEventsListener(EventConsumer consumer, Directory directory, Notifications notifications) {
        this.consumer = consumer;
        this.directory = directory;
        this.notifications = notifications;
    }

    @KafkaListener(topics = Topics.SUBSCRIPTIONS)
    public void on(ConsumerRecord<String, byte[]> record) {
        consumer.apply(CONSUMER, record, this::apply);
    }

    private void apply(ReceivedEvent received) {
        if (received.event() instanceof SubscriptionCreated e) {
            directory.saveSubscription(e.subscriptionId(), e.offerId(), e.offerName());
        } else if (received.event() instanceof SubscriptionUpgraded e) {
            directory.changeSubscriptionOffer(e.subscriptionId(), e.toOfferId());
        }
        Notify.of(received, notifications);
    }
}
