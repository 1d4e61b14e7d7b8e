package com.cspchannel.partnership.command;

import com.cspchannel.events.partnership.AffectedCustomer;
import com.cspchannel.events.partnership.AffectedSubscription;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Reports to a provider what still names a reseller that became ineligible for it. The report id is derived
 * from the triggering event and the provider, so a second attempt targets the same report and is refused.
 */
public record ReportResellerIneligibility(@TargetAggregateIdentifier String reportId, UUID providerTenantId,
                                          UUID resellerTenantId, String cause, String cspRegion, Instant asOf,
                                          List<AffectedCustomer> customers,
                                          List<AffectedSubscription> subscriptions) {
}
