package com.cspchannel.partnership.command;

import com.cspchannel.events.partnership.ResellerIneligibilityReported;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One report of what a reseller's ineligibility touches for one provider. It is an aggregate so that the report
 * is recorded in the event store (and so published by the relay) exactly once: a second report with the same id
 * is refused by the store. It changes nothing else: removal and suspension cascade to nothing.
 */
@Aggregate
public class IneligibilityReport {

    @AggregateIdentifier
    private String reportId;

    protected IneligibilityReport() {
    }

    @CommandHandler
    public IneligibilityReport(ReportResellerIneligibility command, Clock clock) {
        apply(new ResellerIneligibilityReported(UUID.randomUUID(), clock.instant(),
                UUID.fromString(command.reportId()), command.providerTenantId(), command.resellerTenantId(),
                command.cause(), command.cspRegion(), command.asOf(), command.customers(), command.subscriptions()));
    }

    @EventSourcingHandler
    void on(ResellerIneligibilityReported event) {
        reportId = event.reportId().toString();
    }
}
