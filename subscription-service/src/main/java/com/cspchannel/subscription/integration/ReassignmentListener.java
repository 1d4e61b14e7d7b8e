package com.cspchannel.subscription.integration;

import com.cspchannel.events.Topics;
import com.cspchannel.events.partnership.ReassignmentStarted;
import com.cspchannel.platform.consumer.EventHandlers;
import com.cspchannel.platform.consumer.TopicConsumer;
import com.cspchannel.subscription.command.SubscriptionReassignment;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Learns the reassignment jobs partnership-service starts and moves this service's items of each, exactly once per
 * job: the moves, their outcome event and the consumed event id commit in one transaction.
 */
@Component
public class ReassignmentListener extends TopicConsumer {

    private final SubscriptionReassignment reassignment;

    public ReassignmentListener(SubscriptionReassignment reassignment) {
        super("subscription-service.reassignments", List.of(Topics.PARTNERSHIPS));
        this.reassignment = reassignment;
    }

    @Override
    public EventHandlers handlers() {
        return EventHandlers.builder().on(ReassignmentStarted.class, reassignment::run).build();
    }
}
