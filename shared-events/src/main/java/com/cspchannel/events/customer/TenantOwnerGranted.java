package com.cspchannel.events.customer;

import com.cspchannel.events.PublicEvent;

import java.time.Instant;
import java.util.UUID;

/** The reseller was given tenant-owner rights on the customer's Azure tenant (recorded as a grant). */
public record TenantOwnerGranted(
        UUID eventId,
        Instant occurredAt,
        UUID customerId,
        UUID providerTenantId,
        UUID resellerTenantId,
        String grantedBy) implements PublicEvent {
}
