package com.cspchannel.events.customer;

import com.cspchannel.events.PublicEvent;

import java.time.Instant;
import java.util.UUID;

/** A new temporary password was issued for the customer's admin user. The password is never on an event. */
public record AdminPasswordReset(
        UUID eventId,
        Instant occurredAt,
        UUID customerId,
        UUID providerTenantId,
        String adminUserName,
        String resetBy) implements PublicEvent {
}
