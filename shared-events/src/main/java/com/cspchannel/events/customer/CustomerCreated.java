package com.cspchannel.events.customer;

import com.cspchannel.events.OptionalField;
import com.cspchannel.events.PublicEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * A provider created a customer, for itself or on a reseller's behalf ({@code associatedPartnerId}, the
 * reseller's tenant id), with the order accepted at the same time. Carries the admin user name but never a
 * password.
 */
public record CustomerCreated(
        UUID eventId,
        Instant occurredAt,
        UUID customerId,
        UUID providerTenantId,
        CompanyProfile companyProfile,
        BillingProfile billingProfile,
        @OptionalField UUID associatedPartnerId,
        String adminUserName,
        @OptionalField AcceptedOrder initialOrder,
        String createdBy) implements PublicEvent {
}
