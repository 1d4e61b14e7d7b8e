package com.cspchannel.notification.delivery;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Polls for due notifications every {@code csp.notification.poll-interval}, draining full batches at once. */
@Component
public class DeliverySchedule implements SchedulingConfigurer {

    private final MailDelivery delivery;
    private final NotificationProperties properties;

    public DeliverySchedule(MailDelivery delivery, NotificationProperties properties) {
        this.delivery = delivery;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::poll, properties.pollInterval());
    }

    private void poll() {
        int delivered;
        do {
            delivered = delivery.deliverDue();
        } while (delivered >= properties.batchSize());
    }
}
