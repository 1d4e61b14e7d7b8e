package com.cspchannel.events.subscription;

import com.cspchannel.events.OptionalField;
import com.cspchannel.events.PublicEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * A partnered reseller became the subscription's designated support contact (replacing
 * {@code previousSupportTenantId}, absent when it was the provider).
 */
public record SupportContactDesignated(
        UUID eventId,
        Instant occurredAt,
        UUID subscriptionId,
        UUID customerId,
        UUID providerTenantId,
        UUID supportTenantId,
        String supportMpnId,
        String name,
        @OptionalField UUID previousSupportTenantId,
        String designatedBy) implements PublicEvent {
}
