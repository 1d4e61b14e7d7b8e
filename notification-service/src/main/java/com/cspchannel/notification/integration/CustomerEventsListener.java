package com.cspchannel.notification.integration;

import com.cspchannel.events.Topics;
import com.cspchannel.events.customer.CustomerCreated;
import com.cspchannel.notification.delivery.Notifications;
import com.cspchannel.notification.directory.Directory;
import com.cspchannel.platform.consumer.EventConsumer;
import com.cspchannel.platform.consumer.ReceivedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads {@code csp.customers.events}: keeps customers' names for the messages and tells a reseller about a
 * customer created on its behalf. Customers themselves are never written to.
 */
@Component
public class CustomerEventsListener {

    static final String CONSUMER = "notification-service.customers";

    private final EventConsumer consumer;
    private final Directory directory;
    private final Notifications notifications;

    public CustomerEventsListener(EventConsumer consumer, Directory directory, Notifications notifications) {
        this.consumer = consumer;
        this.directory = directory;
        this.notifications = notifications;
    }

    @KafkaListener(topics = Topics.CUSTOMERS)
    public void on(ConsumerRecord<String, byte[]> record) {
        consumer.apply(CONSUMER, record, this::apply);
    }

    private void apply(ReceivedEvent received) {
        if (received.event() instanceof CustomerCreated e) {
            directory.saveCustomer(e.customerId(), e.companyProfile().companyName(), e.companyProfile().domain());
        }
        Notify.of(received, notifications);
    }
}
