package com.cspchannel.partnership.web;

import com.cspchannel.partnership.command.PartnershipProblem.Raises;
import com.cspchannel.partnership.command.ReassignmentKind;
import com.cspchannel.partnership.command.ReassignmentPlanner;
import com.cspchannel.partnership.command.ReassignmentPlanner.Plan;
import com.cspchannel.partnership.command.ReassignmentService;
import com.cspchannel.partnership.query.ReassignmentQueries.ItemEntry;
import com.cspchannel.partnership.query.ReassignmentQueries.JobEntry;
import com.cspchannel.platform.idempotency.ClientRequest;
import com.cspchannel.platform.idempotency.IdempotentRequests.Outcome;
import com.cspchannel.platform.security.Caller;
import com.cspchannel.platform.security.Role;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static com.cspchannel.partnership.command.PartnershipProblem.PROVIDER_NOT_REGISTERED;
import static com.cspchannel.partnership.command.PartnershipProblem.REASSIGNMENT_NOT_FOUND;
import static com.cspchannel.partnership.command.PartnershipProblem.REASSIGNMENT_TOO_LARGE;
import static com.cspchannel.partnership.command.PartnershipProblem.RESELLER_NOT_ENROLLED;
import static com.cspchannel.partnership.command.PartnershipProblem.RESELLER_NOT_PARTNERED;
import static com.cspchannel.partnership.command.PartnershipProblem.SAME_RESELLER;

/**
 * Bulk reassignment from one reseller to another: the dry run lists every item and whether it can move; the run
 * is a job whose items customer- and subscription-service move with the ordinary changes.
 */
@RestController
@RequestMapping("/api/v1/reseller-reassignments")
@Validated
@Tag(name = "Reseller reassignments", description = "Move customers and subscriptions from one reseller to another")
public class ReassignmentController {

    private static final Role[] REASSIGNERS = {Role.GlobalAdmin, Role.AdminAgent};

    private final ReassignmentService reassignments;

    public ReassignmentController(ReassignmentService reassignments) {
        this.reassignments = reassignments;
    }

    /**
     * What to move: from the source to the target reseller, which must be partnered with you; {@code kinds}
     * (default: all) and {@code customerIds} (default: every customer) narrow it.
     */
    public record ReassignmentRequest(@NotNull UUID sourceResellerTenantId, @NotNull UUID targetResellerTenantId,
                                      @Size(max = 4) List<@NotNull ReassignmentKind> kinds,
                                      @Size(max = ReassignmentPlanner.MAX_ITEMS) List<@NotNull UUID> customerIds) {

        ReassignmentPlanner.Scope scope() {
            return new ReassignmentPlanner.Scope(sourceResellerTenantId, targetResellerTenantId,
                    kinds == null ? null : new HashSet<>(kinds),
                    customerIds == null ? null : new HashSet<>(customerIds));
        }
    }

    /** One item of a dry run: whether it can move, and if not the code of the single operation and why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PlannedItemView(ReassignmentKind kind, UUID customerId, UUID subscriptionId, boolean movable,
                                  String code, String reason) {
    }

    /**
     * The dry run: every item the run would cover, in the order it would list them ({@code moves}: {@code items} is
     * the page shape's name for a list of resources, and these are one answer's parts).
     */
    public record DryRunView(UUID sourceResellerTenantId, UUID targetResellerTenantId,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String targetPartnerId, int movable,
                             int refused, List<PlannedItemView> moves) {

        static DryRunView of(UUID source, Plan plan) {
            List<PlannedItemView> items = plan.items().stream().map(p -> new PlannedItemView(
                    ReassignmentKind.valueOf(p.item().kind()), p.item().customerId(), p.item().subscriptionId(),
                    p.item().refusalCode() == null, p.item().refusalCode(), p.reason())).toList();
            int movable = (int) items.stream().filter(PlannedItemView::movable).count();
            return new DryRunView(source, plan.target().resellerTenantId(), plan.targetPartnerId(), movable,
                    items.size() - movable, items);
        }
    }

    /** Items done (moved, or already the target's), failed (refused) and pending. */
    public record Progress(int done, int failed, int pending) {
    }

    /** One item of a job: {@code pending}, {@code moved}, {@code unchanged} or {@code refused} (with its code). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JobItemView(ReassignmentKind kind, UUID customerId, UUID subscriptionId, String outcome,
                              String code) {
    }

    /** A job: {@code running} until no item is pending, then {@code completed}; its items are its {@code moves}. */
    public record JobView(UUID jobId, String state, UUID sourceResellerTenantId, UUID targetResellerTenantId,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String targetPartnerId, Instant startedAt,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Instant completedAt, Progress progress,
                          List<JobItemView> moves) {

        static JobView of(JobEntry job) {
            int done = 0;
            int failed = 0;
            int pending = 0;
            for (ItemEntry item : job.items()) {
                switch (item.outcome()) {
                    case "pending" -> pending++;
                    case "refused" -> failed++;
                    default -> done++;
                }
            }
            return new JobView(job.jobId(), job.completedAt() == null ? "running" : "completed",
                    job.sourceResellerTenantId(), job.targetResellerTenantId(), job.targetPartnerId(),
                    job.startedAt(), job.completedAt(), new Progress(done, failed, pending),
                    job.items().stream().map(i -> new JobItemView(ReassignmentKind.valueOf(i.kind()), i.customerId(),
                            i.subscriptionId(), i.outcome(), i.code())).toList());
        }
    }

    @PostMapping("/dry-run")
    @Operation(operationId = "dryRunResellerReassignment",
            summary = "What a reassignment would move, item by item, and why an item cannot (GlobalAdmin, "
                    + "AdminAgent)",
            description = "Lists what the source reseller holds for you now (delegated administration, tenant-owner "
                    + "grants, reseller of record, support contact), narrowed by kinds and customerIds, each with "
                    + "the code the single operation would answer when it cannot move (e.g. 2203: the target has "
                    + "no MPA for your region). Changes nothing.")
    @Raises({PROVIDER_NOT_REGISTERED, SAME_RESELLER, RESELLER_NOT_ENROLLED, RESELLER_NOT_PARTNERED,
            REASSIGNMENT_TOO_LARGE})
    public DryRunView dryRun(Caller caller, @Valid @RequestBody ReassignmentRequest request) {
        caller.requireProvider(REASSIGNERS);
        return DryRunView.of(request.sourceResellerTenantId(),
                reassignments.dryRun(caller.tenantId(), request.scope()));
    }

    @PostMapping
    @Operation(operationId = "startResellerReassignment",
            summary = "Run a reassignment as a job (GlobalAdmin, AdminAgent)",
            description = "Records the items the dry run lists; customer- and subscription-service move them, each "
                    + "with the ordinary change, correlated to the job. Follow the job at its Location. With an "
                    + "Idempotency-Key (or MS-RequestId) a retry answers the same job.")
    @Raises({PROVIDER_NOT_REGISTERED, SAME_RESELLER, RESELLER_NOT_ENROLLED, RESELLER_NOT_PARTNERED,
            REASSIGNMENT_TOO_LARGE})
    @ApiResponse(responseCode = "202", description = "Job started (or, with Idempotent-Replayed: true, the job a "
            + "request with the same key started)", useReturnTypeSchema = true)
    public ResponseEntity<JobView> start(Caller caller, @Valid @RequestBody ReassignmentRequest request,
                                         ClientRequest client) {
        caller.requireProvider(REASSIGNERS);
        Outcome<JobEntry> started = reassignments.start(caller.tenantId(), caller.userId(), request.scope(), client);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/reseller-reassignments/" + started.value().jobId()))
                .header(ClientRequest.REPLAYED, Boolean.toString(started.replayed()))
                .body(JobView.of(started.value()));
    }

    @GetMapping("/{jobId}")
    @Operation(operationId = "getResellerReassignment",
            summary = "A reassignment job's progress and every item's outcome (GlobalAdmin, AdminAgent)")
    @Raises(REASSIGNMENT_NOT_FOUND)
    public JobView job(Caller caller, @PathVariable UUID jobId) {
        caller.requireProvider(REASSIGNERS);
        return JobView.of(reassignments.job(caller.tenantId(), jobId));
    }
}
