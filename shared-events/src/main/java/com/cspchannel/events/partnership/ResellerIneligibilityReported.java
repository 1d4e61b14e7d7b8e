package com.cspchannel.events.partnership;

import com.cspchannel.events.OptionalField;
import com.cspchannel.events.PublicEvent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A reseller became ineligible to transact for a provider, and this is what still names it there: the
 * customers it administers for the provider (delegated admin) and the provider's subscriptions that name it as
 * reseller of record or support contact, as they were at {@code asOf} (the instant of the event that made it
 * ineligible). One report per cause and provider; nothing was changed: removal and suspension cascade to
 * nothing, the provider decides what to reassign.
 * <p>
 * {@code cause} is {@code partnership_removed} (the provider removed the partnership), {@code reseller_suspended}
 * (its program status became suspended) or {@code mpa_lapsed} (its MPA no longer covers {@code cspRegion}, the
 * region of the partnership; absent for the other causes).
 */
public record ResellerIneligibilityReported(
        UUID eventId,
        Instant occurredAt,
        UUID reportId,
        UUID providerTenantId,
        UUID resellerTenantId,
        String cause,
        @OptionalField String cspRegion,
        Instant asOf,
        List<AffectedCustomer> customers,
        List<AffectedSubscription> subscriptions) implements PublicEvent {

    public static final String PARTNERSHIP_REMOVED = "partnership_removed";
    public static final String RESELLER_SUSPENDED = "reseller_suspended";
    public static final String MPA_LAPSED = "mpa_lapsed";

    public ResellerIneligibilityReported {
        customers = List.copyOf(customers);
        subscriptions = List.copyOf(subscriptions);
    }
}
