package com.cspchannel.events.partnership;

import java.util.UUID;

/**
 * A subscription of the provider that names the ineligible reseller as reseller of record, as support contact,
 * or as both.
 */
public record AffectedSubscription(UUID subscriptionId, UUID customerId, boolean resellerOfRecord,
                                   boolean supportContact) {
}
