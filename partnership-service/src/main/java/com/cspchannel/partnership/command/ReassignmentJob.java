package com.cspchannel.partnership.command;

import com.cspchannel.events.partnership.ReassignmentCompleted;
import com.cspchannel.events.partnership.ReassignmentCounts;
import com.cspchannel.events.partnership.ReassignmentItem;
import com.cspchannel.events.partnership.ReassignmentOutcome;
import com.cspchannel.events.partnership.ReassignmentStarted;
import com.cspchannel.partnership.command.ReassignmentCommands.RecordReassignmentOutcomes;
import com.cspchannel.partnership.command.ReassignmentCommands.StartReassignment;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A bulk reassignment from one reseller to another. The job moves nothing itself: customer-service and
 * subscription-service move the items they own and report each item's outcome; the job completes when every
 * service with items to move has reported. A second report of the same service (a redelivery) changes nothing.
 */
@Aggregate
public class ReassignmentJob {

    public static final String CUSTOMER_SERVICE = "customer";
    public static final String SUBSCRIPTION_SERVICE = "subscription";

    @AggregateIdentifier
    private String jobId;
    private UUID id;
    private UUID providerTenantId;
    private UUID source;
    private UUID target;
    private final Set<String> awaited = new HashSet<>();
    private final List<ReassignmentOutcome> outcomes = new ArrayList<>();
    private boolean completed;

    protected ReassignmentJob() {
    }

    @CommandHandler
    public ReassignmentJob(StartReassignment command, Clock clock) {
        apply(new ReassignmentStarted(UUID.randomUUID(), clock.instant(), UUID.fromString(command.jobId()),
                command.providerTenantId(), command.sourceResellerTenantId(), command.targetResellerTenantId(),
                command.targetPartnerId(), command.targetName(), command.startedBy(), command.items()));
        // the started event reaches this aggregate's state only after the constructor: decide on the command
        if (command.items().stream().allMatch(item -> item.refusalCode() != null)) {
            apply(completed(UUID.fromString(command.jobId()), command.providerTenantId(),
                    command.sourceResellerTenantId(), command.targetResellerTenantId(), command.items().stream()
                            .map(i -> ReassignmentOutcome.of(i, ReassignmentOutcome.REFUSED, i.refusalCode()))
                            .toList(), clock));
        }
    }

    @CommandHandler
    public void handle(RecordReassignmentOutcomes command, Clock clock) {
        if (!awaited.contains(command.service())) {
            return;
        }
        apply(new ReassignmentOutcomesRecorded(id, command.service(), command.outcomes(), clock.instant()));
        completeIfSettled(clock);
    }

    private void completeIfSettled(Clock clock) {
        if (!completed && awaited.isEmpty()) {
            apply(completed(id, providerTenantId, source, target, outcomes, clock));
        }
    }

    private static ReassignmentCompleted completed(UUID id, UUID providerTenantId, UUID source, UUID target,
                                                   List<ReassignmentOutcome> outcomes, Clock clock) {
        int[] moved = new int[4];
        int unchanged = 0;
        int refused = 0;
        for (ReassignmentOutcome outcome : outcomes) {
            switch (outcome.outcome()) {
                case ReassignmentOutcome.MOVED -> moved[kindIndex(outcome.kind())]++;
                case ReassignmentOutcome.UNCHANGED -> unchanged++;
                default -> refused++;
            }
        }
        return new ReassignmentCompleted(UUID.randomUUID(), clock.instant(), id, providerTenantId, source, target,
                new ReassignmentCounts(moved[0], moved[1], moved[2], moved[3]), unchanged, refused);
    }

    private static int kindIndex(String kind) {
        return switch (kind) {
            case ReassignmentItem.CUSTOMER_ADMIN -> 0;
            case ReassignmentItem.TENANT_OWNER -> 1;
            case ReassignmentItem.RESELLER_OF_RECORD -> 2;
            default -> 3;
        };
    }

    /** The owning service of an item: the one whose command moves it. */
    public static String serviceOf(ReassignmentItem item) {
        return item.ownedByCustomerService() ? CUSTOMER_SERVICE : SUBSCRIPTION_SERVICE;
    }

    @EventSourcingHandler
    void on(ReassignmentStarted event) {
        jobId = event.jobId().toString();
        id = event.jobId();
        providerTenantId = event.providerTenantId();
        source = event.sourceResellerTenantId();
        target = event.targetResellerTenantId();
        for (ReassignmentItem item : event.items()) {
            if (item.refusalCode() == null) {
                awaited.add(serviceOf(item));
            } else {
                outcomes.add(ReassignmentOutcome.of(item, ReassignmentOutcome.REFUSED, item.refusalCode()));
            }
        }
    }

    @EventSourcingHandler
    void on(ReassignmentOutcomesRecorded event) {
        awaited.remove(event.service());
        outcomes.addAll(event.outcomes());
    }

    @EventSourcingHandler
    void on(ReassignmentCompleted event) {
        completed = true;
    }
}
