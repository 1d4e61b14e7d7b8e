package com.cspchannel.notification.query;

import com.cspchannel.notification.catalogue.NotificationType;
import com.cspchannel.notification.catalogue.RecipientKind;

import java.time.Instant;
import java.util.UUID;

/** A notification as the delivery log holds it. */
public record NotificationEntry(UUID id, UUID eventId, String eventType, NotificationType type,
                                RecipientKind recipientKind, UUID recipientTenantId, String recipientEmail,
                                String language, UUID providerTenantId, NotificationStatus status,
                                String statusReason, String subject, String body, int attempts,
                                Instant createdAt, Instant nextAttemptAt, Instant sentAt) {
}
