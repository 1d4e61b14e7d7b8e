package com.cspchannel.customer.command;

import com.cspchannel.customer.command.Commands.AssociateReseller;
import com.cspchannel.customer.command.Commands.GrantTenantOwner;
import com.cspchannel.customer.query.CustomerEntry;
import com.cspchannel.customer.query.CustomerQueries;
import com.cspchannel.events.customer.CustomerReassignmentProcessed;
import com.cspchannel.events.partnership.ReassignmentItem;
import com.cspchannel.events.partnership.ReassignmentOutcome;
import com.cspchannel.events.partnership.ReassignmentStarted;
import com.cspchannel.partnerdirectory.PartnerFacts;
import com.cspchannel.platform.relay.KafkaRelay;
import com.cspchannel.platform.security.TenantScope;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Moves this service's items of a reassignment job (delegated administration, tenant-owner grants) from the source
 * reseller to the target with the ordinary commands, and records every item's outcome in one event. Runs in the
 * consumer's transaction with the consumed event id (the commands join it), so the moves and the outcome commit
 * together, once; a command that finds the target already there changes nothing.
 */
@Component
public class CustomerReassignment {

    /**
     * The metadata key every event of a move keeps in the event store (see CustomerConfiguration); the relay
     * publishes it as the record's CloudEvents extension {@code reassignmentjobid}, so the key is the relay's.
     */
    public static final String JOB_ID = KafkaRelay.REASSIGNMENT_JOB_ID;
    /** The item changed after the job was planned: the source no longer holds it. */
    public static final String NOT_HELD_BY_SOURCE = "not-held-by-source";

    private final CommandGateway commands;
    private final EventGateway events;
    private final CustomerQueries customers;
    private final PartnerFacts partners;
    private final Clock clock;

    public CustomerReassignment(CommandGateway commands, EventGateway events, CustomerQueries customers,
                                PartnerFacts partners, Clock clock) {
        this.commands = commands;
        this.events = events;
        this.customers = customers;
        this.partners = partners;
        this.clock = clock;
    }

    public void run(ReassignmentStarted job) {
        List<ReassignmentItem> mine = job.items().stream()
                .filter(i -> i.refusalCode() == null && i.ownedByCustomerService()).toList();
        if (mine.isEmpty()) {
            return;
        }
        UUID provider = job.providerTenantId();
        boolean partnered = partners.activePartnership(provider, job.targetResellerTenantId());
        // a customer's delegated administration moves before its tenant-owner grant (the planner orders them so)
        Map<UUID, String> adminRefusals = new HashMap<>();
        List<ReassignmentOutcome> outcomes = new ArrayList<>();
        for (ReassignmentItem item : mine) {
            Optional<CustomerEntry> customer = customers.find(item.customerId(), TenantScope.provider(provider));
            String refusal = customer.isEmpty() ? CustomerProblem.CUSTOMER_NOT_FOUND.code()
                    : partnered ? null : CustomerProblem.RESELLER_NOT_PARTNERED.code();
            if (ReassignmentItem.CUSTOMER_ADMIN.equals(item.kind())) {
                outcomes.add(moveAdmin(job, item, customer, refusal, adminRefusals));
            } else {
                outcomes.add(moveTenantOwner(job, item, customer, refusal, adminRefusals));
            }
        }
        events.publish(new CustomerReassignmentProcessed(UUID.randomUUID(), clock.instant(), job.jobId(), provider,
                outcomes));
    }

    private ReassignmentOutcome moveAdmin(ReassignmentStarted job, ReassignmentItem item,
                                          Optional<CustomerEntry> customer, String refusal,
                                          Map<UUID, String> adminRefusals) {
        if (refusal == null && job.targetResellerTenantId().equals(customer.get().associatedReseller())) {
            return ReassignmentOutcome.of(item, ReassignmentOutcome.UNCHANGED, null);
        }
        if (refusal == null && !job.sourceResellerTenantId().equals(customer.get().associatedReseller())) {
            refusal = NOT_HELD_BY_SOURCE;
        }
        if (refusal != null) {
            adminRefusals.put(item.customerId(), refusal);
            return ReassignmentOutcome.of(item, ReassignmentOutcome.REFUSED, refusal);
        }
        send(job, new AssociateReseller(item.customerId().toString(), null, job.providerTenantId(),
                job.targetResellerTenantId(), job.startedBy()));
        return ReassignmentOutcome.of(item, ReassignmentOutcome.MOVED, null);
    }

    private ReassignmentOutcome moveTenantOwner(ReassignmentStarted job, ReassignmentItem item,
                                                Optional<CustomerEntry> customer, String refusal,
                                                Map<UUID, String> adminRefusals) {
        if (refusal == null) {
            refusal = adminRefusals.get(item.customerId());
        }
        if (refusal == null) {
            // read again: moving the administration just now ended the source's grant
            CustomerEntry now = customers.find(item.customerId(), TenantScope.provider(job.providerTenantId()))
                    .orElseThrow();
            if (job.targetResellerTenantId().equals(now.tenantOwnerReseller())) {
                return ReassignmentOutcome.of(item, ReassignmentOutcome.UNCHANGED, null);
            }
            if (!job.targetResellerTenantId().equals(now.associatedReseller())) {
                refusal = NOT_HELD_BY_SOURCE;
            } else if (!customers.holdsAzurePlan(item.customerId())) {
                refusal = CustomerProblem.AZURE_PLAN_REQUIRED.code();
            }
        }
        if (refusal != null) {
            return ReassignmentOutcome.of(item, ReassignmentOutcome.REFUSED, refusal);
        }
        send(job, new GrantTenantOwner(item.customerId().toString(), job.providerTenantId(), job.startedBy()));
        return ReassignmentOutcome.of(item, ReassignmentOutcome.MOVED, null);
    }

    private void send(ReassignmentStarted job, Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(JOB_ID, job.jobId().toString())));
    }
}
