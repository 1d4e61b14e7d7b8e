package com.cspchannel.notification.integration;

import com.cspchannel.notification.catalogue.NotificationIntent;
import com.cspchannel.notification.catalogue.NotificationRules;
import com.cspchannel.notification.delivery.Notifications;
import com.cspchannel.platform.consumer.ReceivedEvent;

import java.util.List;

/** Writes the notifications the catalogue's rules give for a received event (none for most events). */
final class Notify {

    private Notify() {
    }

    static void of(ReceivedEvent received, Notifications notifications) {
        List<NotificationIntent> intents = NotificationRules.intentsFor(received.event());
        if (!intents.isEmpty()) {
            notifications.create(received.event().eventId(), received.headers().type(), intents);
        }
    }
}
