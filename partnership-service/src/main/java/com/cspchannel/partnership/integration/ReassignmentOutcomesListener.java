package com.cspchannel.partnership.integration;

import com.cspchannel.events.Topics;
import com.cspchannel.events.customer.CustomerReassignmentProcessed;
import com.cspchannel.events.subscription.SubscriptionReassignmentProcessed;
import com.cspchannel.partnership.command.ReassignmentCommands.RecordReassignmentOutcomes;
import com.cspchannel.partnership.command.ReassignmentJob;
import com.cspchannel.platform.consumer.EventHandlers;
import com.cspchannel.platform.consumer.TopicConsumer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Learns what customer-service and subscription-service did with their items of a reassignment job and records it
 * on the job, in the consumer's transaction with the consumed event id: exactly once per report (and the job
 * ignores a second report of the same service anyway).
 */
@Component
public class ReassignmentOutcomesListener extends TopicConsumer {

    private final CommandGateway commands;

    public ReassignmentOutcomesListener(CommandGateway commands) {
        super("partnership-service.reassignments", List.of(Topics.CUSTOMERS, Topics.SUBSCRIPTIONS));
        this.commands = commands;
    }

    @Override
    public EventHandlers handlers() {
        return EventHandlers.builder()
                .on(CustomerReassignmentProcessed.class, e -> commands.sendAndWait(new RecordReassignmentOutcomes(
                        e.jobId().toString(), ReassignmentJob.CUSTOMER_SERVICE, e.items())))
                .on(SubscriptionReassignmentProcessed.class, e -> commands.sendAndWait(
                        new RecordReassignmentOutcomes(e.jobId().toString(), ReassignmentJob.SUBSCRIPTION_SERVICE,
                                e.items())))
                .build();
    }
}
