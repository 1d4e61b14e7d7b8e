package com.cspchannel.events.partnership;

import com.cspchannel.events.OptionalField;
import com.cspchannel.events.PublicEvent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A provider started a bulk reassignment from one reseller to another: every item the job covers, each to be
 * moved by the service that owns it (customer-service: {@code customer_admin}, {@code tenant_owner};
 * subscription-service: {@code reseller_of_record}, {@code support_contact}). Items with a {@code refusalCode}
 * were refused when the job started and are not moved. A reseller of record or support contact moves to
 * {@code targetPartnerId}, one of the target's PLA PartnerIDs (absent when the target has none), and a support
 * contact is named {@code targetName}.
 */
public record ReassignmentStarted(
        UUID eventId,
        Instant occurredAt,
        UUID jobId,
        UUID providerTenantId,
        UUID sourceResellerTenantId,
        UUID targetResellerTenantId,
        @OptionalField String targetPartnerId,
        String targetName,
        String startedBy,
        List<ReassignmentItem> items) implements PublicEvent {

    public ReassignmentStarted {
        items = List.copyOf(items);
    }
}
