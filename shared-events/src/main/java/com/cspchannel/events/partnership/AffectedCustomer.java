package com.cspchannel.events.partnership;

import java.util.UUID;

/** A customer of the provider that the ineligible reseller administers (delegated admin privileges). */
public record AffectedCustomer(UUID customerId) {
}
