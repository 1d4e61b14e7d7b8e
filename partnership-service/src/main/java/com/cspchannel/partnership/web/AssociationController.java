package com.cspchannel.partnership.web;

import com.cspchannel.partnership.command.PartnershipProblem;
import com.cspchannel.partnership.integration.AssociationKind;
import com.cspchannel.partnership.integration.AssociationQueries.Association;
import com.cspchannel.partnership.integration.AssociationQueries;
import com.cspchannel.partnership.integration.AssociationView;
import com.cspchannel.platform.security.Caller;
import com.cspchannel.platform.security.Role;
import com.cspchannel.platform.web.Page;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The reseller associations view, rebuilt from the event streams: which customers a reseller administers, which
 * subscriptions it is reseller of record or support contact for, with the interval each held, now or at any
 * instant; and the Operator's rebuild.
 */
@RestController
@RequestMapping("/api/v1")
@Validated
@Tag(name = "Reseller associations", description = "Associations and their history, rebuilt from the event streams")
public class AssociationController {

    private final AssociationQueries queries;
    private final AssociationView view;

    public AssociationController(AssociationQueries queries, AssociationView view) {
        this.queries = queries;
        this.view = view;
    }

    /** What a reseller holds: the page of associations, with counts per kind over all of them. */
    @JsonPropertyOrder({"resellerTenantId", "asOf", "counts"})
    public record ResellerAssociations(UUID resellerTenantId, @JsonInclude(JsonInclude.Include.NON_NULL) Instant asOf,
                                       Map<AssociationKind, Long> counts, @JsonUnwrapped Page<Association> page) {
    }

    /** A subscription's reseller-of-record intervals, one page of them. */
    @JsonPropertyOrder({"subscriptionId"})
    public record ResellerOfRecordHistory(UUID subscriptionId, @JsonUnwrapped Page<Association> page) {
    }

    @GetMapping("/resellers/{resellerTenantId}/associations")
    @Operation(summary = "What a reseller holds (now, or asOf an instant), with counts per kind",
            description = "Provider users see their own customers and subscriptions; a reseller sees its own.")
    public ResellerAssociations associations(Caller caller, @PathVariable UUID resellerTenantId,
                                             @RequestParam(required = false) Instant asOf,
                                             @RequestParam(required = false) AssociationKind kind,
                                             @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
                                             @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        UUID provider = scope(caller, resellerTenantId);
        AssociationQueries.Held held = queries.held(resellerTenantId, provider, asOf, kind, page, size);
        return new ResellerAssociations(resellerTenantId, asOf, held.counts(), held.page());
    }

    @GetMapping("/subscriptions/{subscriptionId}/reseller-of-record-history")
    @Operation(summary = "Who was reseller of record of a subscription, from when until when")
    public ResellerOfRecordHistory resellerOfRecordHistory(Caller caller, @PathVariable UUID subscriptionId,
                                                           @RequestParam(defaultValue = "0") @Min(0) @Max(100000)
                                                           int page,
                                                           @RequestParam(defaultValue = "50") @Min(1) @Max(500)
                                                           int size) {
        caller.requireTenantUser();
        Page<Association> history = caller.isProvider()
                ? queries.resellerOfRecordHistory(subscriptionId, caller.tenantId(), null, page, size)
                : queries.resellerOfRecordHistory(subscriptionId, null, caller.tenantId(), page, size);
        return new ResellerOfRecordHistory(subscriptionId, history);
    }

    @PostMapping("/operations/associations/rebuild")
    @Operation(summary = "Rebuild the associations view from offset 0 of the three topics (platform Operator)",
            description = "The current view keeps answering; the rebuilt one replaces it atomically once caught up.")
    @PartnershipProblem.Raises(PartnershipProblem.REBUILD_RUNNING)
    @ApiResponse(responseCode = "202", description = "Rebuild started", useReturnTypeSchema = true)
    public ResponseEntity<AssociationView.Status> rebuild(Caller caller) {
        caller.requirePlatform(Role.Operator);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(view.startRebuild());
    }

    @GetMapping("/operations/associations/rebuild")
    @Operation(summary = "Status of the associations view and its rebuild (platform Operator)")
    public AssociationView.Status rebuildStatus(Caller caller) {
        caller.requirePlatform(Role.Operator);
        return view.status();
    }

    /** The provider whose data a caller may see, or null for the reseller itself (all its providers). */
    private static UUID scope(Caller caller, UUID reseller) {
        caller.requireTenantUser();
        if (caller.isProvider()) {
            return caller.tenantId();
        }
        if (!reseller.equals(caller.tenantId())) {
            throw new AccessDeniedException("A reseller sees only its own associations.");
        }
        return null;
    }
}
