package com.cspchannel.notification.web;

import com.cspchannel.notification.catalogue.NotificationType;
import com.cspchannel.notification.catalogue.RecipientKind;
import com.cspchannel.notification.query.NotificationEntry;
import com.cspchannel.notification.query.NotificationStatus;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/** A notification as the API shows it: what was (or will be) sent to whom, and where its delivery stands. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record NotificationView(UUID id, NotificationType type, NotificationStatus status, String statusReason,
                        RecipientView recipient, UUID providerTenantId, String subject, String body,
                        EventView event, int attempts, Instant createdAt, Instant nextAttemptAt, Instant sentAt) {

    /** The recipient: a provider or reseller tenant, and the address and language the message was written for. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RecipientView(RecipientKind kind, UUID tenantId, String email, String language) {
    }

    /** The event that caused the notification (its CloudEvents id and type). */
    record EventView(UUID id, String type) {
    }

    static NotificationView of(NotificationEntry e) {
        return new NotificationView(e.id(), e.type(), e.status(), e.statusReason(),
                new RecipientView(e.recipientKind(), e.recipientTenantId(), e.recipientEmail(), e.language()),
                e.providerTenantId(), e.subject(), e.body(), new EventView(e.eventId(), e.eventType()), e.attempts(),
                e.createdAt(), e.status() == NotificationStatus.pending ? e.nextAttemptAt() : null, e.sentAt());
    }
}
