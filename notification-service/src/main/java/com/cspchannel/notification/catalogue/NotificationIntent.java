package com.cspchannel.notification.catalogue;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One notification an event calls for: its type, the recipient's tenant (a provider or a reseller, as the type
 * says), the provider the event concerns, and the facts the message states (template values, as text).
 */
public record NotificationIntent(NotificationType type, UUID recipientTenantId, UUID providerTenantId,
                                 Map<String, String> facts) {

    public NotificationIntent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(recipientTenantId, "recipientTenantId");
        Objects.requireNonNull(providerTenantId, "providerTenantId");
        facts = Map.copyOf(facts);
    }

    public RecipientKind recipientKind() {
        return type.recipientKind();
    }
}
