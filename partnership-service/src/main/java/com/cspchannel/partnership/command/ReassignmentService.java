package com.cspchannel.partnership.command;

import com.cspchannel.partnership.command.ReassignmentCommands.StartReassignment;
import com.cspchannel.partnership.command.ReassignmentPlanner.Plan;
import com.cspchannel.partnership.command.ReassignmentPlanner.Scope;
import com.cspchannel.partnership.query.ReassignmentQueries;
import com.cspchannel.partnership.query.ReassignmentQueries.JobEntry;
import com.cspchannel.platform.domain.DomainRuleViolation;
import com.cspchannel.platform.idempotency.ClientRequest;
import com.cspchannel.platform.idempotency.IdempotentRequests;
import com.cspchannel.platform.idempotency.IdempotentRequests.Outcome;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.UUID;

/**
 * Bulk reassignment between two resellers of a provider: the dry run (the plan), and the run, which records the
 * same plan as a job; customer- and subscription-service move the items (see docs/architecture.md).
 */
@Service
public class ReassignmentService {

    private final ReassignmentPlanner planner;
    private final ReassignmentQueries jobs;
    private final CommandGateway commands;
    private final IdempotentRequests idempotentRequests;

    public ReassignmentService(ReassignmentPlanner planner, ReassignmentQueries jobs, CommandGateway commands,
                               IdempotentRequests idempotentRequests) {
        this.planner = planner;
        this.jobs = jobs;
        this.commands = commands;
        this.idempotentRequests = idempotentRequests;
    }

    @Transactional(readOnly = true)
    public Plan dryRun(UUID provider, Scope scope) {
        return planner.plan(provider, scope);
    }

    /** Starts the job; with a client request id, a retry answers the job the first request started. */
    @Transactional
    public Outcome<JobEntry> start(UUID provider, String startedBy, Scope scope, ClientRequest client) {
        // the same request in any order of its lists is the same request
        Object body = java.util.Arrays.asList(scope.sourceResellerTenantId(), scope.targetResellerTenantId(),
                scope.kinds() == null ? null : new java.util.TreeSet<>(scope.kinds()),
                scope.customerIds() == null ? null : new java.util.TreeSet<>(scope.customerIds()));
        return idempotentRequests.once(provider, client, "partnership.reassign", body, () -> {
            Plan plan = planner.plan(provider, scope);
            UUID jobId = UUID.randomUUID();
            commands.sendAndWait(new StartReassignment(jobId.toString(), provider, scope.sourceResellerTenantId(),
                    scope.targetResellerTenantId(), plan.targetPartnerId(), plan.target().name(), startedBy,
                    plan.events()));
            return job(provider, jobId);
        }, JobEntry::jobId, id -> job(provider, UUID.fromString(id)));
    }

    @Transactional(readOnly = true)
    public JobEntry job(UUID provider, UUID jobId) {
        return jobs.job(provider, jobId).orElseThrow(() -> new DomainRuleViolation(
                PartnershipProblem.REASSIGNMENT_NOT_FOUND, "No such reassignment job of yours."));
    }
}
