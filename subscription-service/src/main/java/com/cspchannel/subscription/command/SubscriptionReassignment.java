package com.cspchannel.subscription.command;

import com.cspchannel.events.partnership.ReassignmentItem;
import com.cspchannel.events.partnership.ReassignmentOutcome;
import com.cspchannel.events.partnership.ReassignmentStarted;
import com.cspchannel.events.subscription.SubscriptionReassignmentProcessed;
import com.cspchannel.partnerdirectory.PartnerFacts;
import com.cspchannel.platform.relay.KafkaRelay;
import com.cspchannel.platform.security.TenantScope;
import com.cspchannel.subscription.command.Commands.ChangeResellerOfRecord;
import com.cspchannel.subscription.command.Commands.DesignateSupportContact;
import com.cspchannel.subscription.query.SubscriptionEntry;
import com.cspchannel.subscription.query.SubscriptionQueries;
import com.cspchannel.rules.partner.PartnerIdRules;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Moves this service's items of a reassignment job (reseller of record, support contact) from the source reseller
 * to the target with the ordinary commands, checked as the single operations check them, and records every item's
 * outcome in one event. Runs in the consumer's transaction with the consumed event id (the commands join it), so
 * the moves and the outcome commit together, once; a command that finds the target already there changes nothing.
 */
@Component
public class SubscriptionReassignment {

    /**
     * The metadata key every event of a move keeps in the event store (see SubscriptionConfiguration); the relay
     * publishes it as the record's CloudEvents extension {@code reassignmentjobid}, so the key is the relay's.
     */
    public static final String JOB_ID = KafkaRelay.REASSIGNMENT_JOB_ID;
    /** The item changed after the job was planned: the source no longer holds it. */
    public static final String NOT_HELD_BY_SOURCE = "not-held-by-source";

    private final CommandGateway commands;
    private final EventGateway events;
    private final SubscriptionQueries subscriptions;
    private final PartnerFacts partners;
    private final Clock clock;

    public SubscriptionReassignment(CommandGateway commands, EventGateway events, SubscriptionQueries subscriptions,
                                    PartnerFacts partners, Clock clock) {
        this.commands = commands;
        this.events = events;
        this.subscriptions = subscriptions;
        this.partners = partners;
        this.clock = clock;
    }

    public void run(ReassignmentStarted job) {
        List<ReassignmentItem> mine = job.items().stream()
                .filter(i -> i.refusalCode() == null && !i.ownedByCustomerService()).toList();
        if (mine.isEmpty()) {
            return;
        }
        List<ReassignmentOutcome> outcomes = new ArrayList<>();
        for (ReassignmentItem item : mine) {
            Optional<SubscriptionEntry> subscription = subscriptions.subscription(item.customerId(),
                    item.subscriptionId(), TenantScope.provider(job.providerTenantId()));
            outcomes.add(subscription.isEmpty()
                    ? ReassignmentOutcome.of(item, ReassignmentOutcome.REFUSED,
                    SubscriptionProblem.SUBSCRIPTION_NOT_FOUND.code())
                    : ReassignmentItem.RESELLER_OF_RECORD.equals(item.kind())
                    ? moveResellerOfRecord(job, item, subscription.get())
                    : moveSupportContact(job, item, subscription.get()));
        }
        events.publish(new SubscriptionReassignmentProcessed(UUID.randomUUID(), clock.instant(), job.jobId(),
                job.providerTenantId(), outcomes));
    }

    private ReassignmentOutcome moveResellerOfRecord(ReassignmentStarted job, ReassignmentItem item,
                                                     SubscriptionEntry subscription) {
        if (job.targetResellerTenantId().equals(subscription.resellerTenantId())) {
            return ReassignmentOutcome.of(item, ReassignmentOutcome.UNCHANGED, null);
        }
        if (!job.sourceResellerTenantId().equals(subscription.resellerTenantId())) {
            return ReassignmentOutcome.of(item, ReassignmentOutcome.REFUSED, NOT_HELD_BY_SOURCE);
        }
        Optional<String> refusal = job.targetPartnerId() == null ? Optional.of(PartnerIdRules.PGA_ID)
                : partners.partnerOfRecordRefusal(job.providerTenantId(), job.targetPartnerId())
                .map(PartnerIdRules.Refusal::code);
        if (refusal.isPresent()) {
            return ReassignmentOutcome.of(item, ReassignmentOutcome.REFUSED, refusal.get());
        }
        send(job, new ChangeResellerOfRecord(item.subscriptionId().toString(), null, job.providerTenantId(),
                job.targetPartnerId(), job.targetResellerTenantId(), job.startedBy()));
        return ReassignmentOutcome.of(item, ReassignmentOutcome.MOVED, null);
    }

    private ReassignmentOutcome moveSupportContact(ReassignmentStarted job, ReassignmentItem item,
                                                   SubscriptionEntry subscription) {
        if (job.targetResellerTenantId().equals(subscription.supportTenantId())) {
            return ReassignmentOutcome.of(item, ReassignmentOutcome.UNCHANGED, null);
        }
        if (!job.sourceResellerTenantId().equals(subscription.supportTenantId())) {
            return ReassignmentOutcome.of(item, ReassignmentOutcome.REFUSED, NOT_HELD_BY_SOURCE);
        }
        if (!partners.activePartnership(job.providerTenantId(), job.targetResellerTenantId())) {
            return ReassignmentOutcome.of(item, ReassignmentOutcome.REFUSED,
                    SubscriptionProblem.RESELLER_NOT_PARTNERED.code());
        }
        if (job.targetPartnerId() == null || !partners.resellerOfPla(job.targetPartnerId())
                .map(job.targetResellerTenantId()::equals).orElse(false)) {
            return ReassignmentOutcome.of(item, ReassignmentOutcome.REFUSED,
                    SubscriptionProblem.SUPPORT_ID_NOT_PLA.code());
        }
        send(job, new DesignateSupportContact(item.subscriptionId().toString(), null, job.providerTenantId(),
                job.targetResellerTenantId(), job.targetPartnerId(), job.targetName(), job.startedBy()));
        return ReassignmentOutcome.of(item, ReassignmentOutcome.MOVED, null);
    }

    private void send(ReassignmentStarted job, Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(JOB_ID, job.jobId().toString())));
    }
}
