package com.cspchannel.partnership.web;

import com.cspchannel.partnership.command.PartnershipService.IssuedInvitation;
import com.cspchannel.partnership.command.PartnershipProblem.Raises;
import com.cspchannel.partnership.command.PartnershipService;
import com.cspchannel.partnership.query.InvitationEntry;
import com.cspchannel.partnership.query.PartnershipEntry;
import com.cspchannel.partnership.query.PartnershipQueries;
import com.cspchannel.partnership.query.ProviderEntry;
import com.cspchannel.partnership.web.Requests.InvitationRequest;
import com.cspchannel.partnership.web.Requests.RemovePartnershipRequest;
import com.cspchannel.partnership.web.Responses.InvitationSummary;
import com.cspchannel.partnership.web.Responses.InvitationView;
import com.cspchannel.partnership.web.Responses.PartnershipView;
import com.cspchannel.partnership.web.Responses.RemovalView;
import com.cspchannel.platform.idempotency.ClientRequest;
import com.cspchannel.platform.idempotency.IdempotentRequests.Outcome;
import com.cspchannel.platform.security.Caller;
import com.cspchannel.platform.security.Role;
import com.cspchannel.platform.web.Page;
import com.cspchannel.platform.web.PlatformProblems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import static com.cspchannel.partnership.command.PartnershipProblem.ALREADY_PARTNERED;
import static com.cspchannel.partnership.command.PartnershipProblem.ATTESTATION_REQUIRED;
import static com.cspchannel.partnership.command.PartnershipProblem.INVITATION_EXPIRED;
import static com.cspchannel.partnership.command.PartnershipProblem.INVITATION_LINK_MISSING;
import static com.cspchannel.partnership.command.PartnershipProblem.INVITATION_NOT_FOUND;
import static com.cspchannel.partnership.command.PartnershipProblem.INVITATION_PREDATES_REMOVAL;
import static com.cspchannel.partnership.command.PartnershipProblem.INVITATION_REVOKED;
import static com.cspchannel.partnership.command.PartnershipProblem.INVITATION_USED;
import static com.cspchannel.partnership.command.PartnershipProblem.PARTNERSHIP_NOT_FOUND;
import static com.cspchannel.partnership.command.PartnershipProblem.PROVIDER_NOT_REGISTERED;
import static com.cspchannel.partnership.command.PartnershipProblem.REGION_MISMATCH;
import static com.cspchannel.partnership.command.PartnershipProblem.RESELLER_NOT_ACTIVE;
import static com.cspchannel.partnership.command.PartnershipProblem.RESELLER_NOT_ENROLLED;
import static com.cspchannel.platform.web.PlatformProblem.CONCURRENT_CHANGE;

/** Partnerships between a provider and its indirect resellers: request, accept, list, remove. */
@RestController
@RequestMapping("/api/v1")
@Validated
@Tag(name = "Partnerships", description = "Partner with indirect resellers")
public class PartnershipController {

    private static final Role[] INVITERS = {Role.GlobalAdmin, Role.AdminAgent, Role.SalesAgent};

    private final PartnershipService partnerships;
    private final PartnershipQueries queries;
    private final Clock clock;
    private final InvitationLinks links;

    public PartnershipController(PartnershipService partnerships, PartnershipQueries queries, Clock clock,
                                 InvitationLinks links) {
        this.partnerships = partnerships;
        this.queries = queries;
        this.clock = clock;
        this.links = links;
    }

    @PostMapping("/partnership-invitations")
    @Operation(summary = "Request a partnership: a draft invitation email with a personalised link "
            + "(GlobalAdmin, AdminAgent, SalesAgent)",
            description = "A custom body must contain {link} where the personalised link goes. The link's token is "
                    + "shown only in this answer; nothing is partnered until the reseller accepts. The link can be "
                    + "used once; with resellerTenantId only that reseller can use it.")
    @Raises({INVITATION_LINK_MISSING, PROVIDER_NOT_REGISTERED, RESELLER_NOT_ENROLLED})
    @ApiResponse(responseCode = "201", description = "Invitation created", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "The same answer again: a retry "
            + "with the Idempotency-Key (or MS-RequestId) of a request already done")
    public ResponseEntity<InvitationDraft> requestPartnership(Caller caller,
                                                              @Valid @RequestBody(required = false)
                                                              InvitationRequest request,
                                                              ClientRequest client) {
        caller.requireProvider(INVITERS);
        InvitationRequest body = request == null ? new InvitationRequest(null, null, null, null) : request;
        InvitationDraft.requireLinkPlaceholder(body.body());
        return draft(partnerships.issueInvitation(caller.tenantId(), caller.userId(), body.resellerEmail(),
                body.resellerTenantId(), client), body.subject(), body.body());
    }

    @GetMapping("/partnership-invitations")
    @Operation(summary = "Your invitations, newest first: pending, accepted, expired or revoked (provider users)")
    public Page<InvitationSummary> invitations(Caller caller,
                                               @RequestParam(required = false) InvitationEntry.State state,
                                               @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
                                               @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        caller.requireProvider();
        Instant now = clock.instant();
        return partnerships.invitations(caller.tenantId(), state, page, size).map(i -> InvitationSummary.of(i, now));
    }

    @DeleteMapping("/partnership-invitations/{invitationId}")
    @Operation(summary = "Revoke an invitation that was not used: its link stops working (GlobalAdmin, AdminAgent, "
            + "SalesAgent)")
    @Raises({INVITATION_NOT_FOUND, INVITATION_USED})
    @PlatformProblems(CONCURRENT_CHANGE)
    public InvitationSummary revokeInvitation(Caller caller, @PathVariable UUID invitationId) {
        caller.requireProvider(INVITERS);
        return InvitationSummary.of(partnerships.revoke(caller.tenantId(), invitationId, caller.userId()),
                clock.instant());
    }

    @PostMapping("/partnership-invitations/{invitationId}/resend")
    @Operation(summary = "Re-send an invitation: a new link for the same reseller; the old link is revoked "
            + "(GlobalAdmin, AdminAgent, SalesAgent)")
    @Raises({INVITATION_NOT_FOUND, INVITATION_USED, PROVIDER_NOT_REGISTERED, RESELLER_NOT_ENROLLED})
    @PlatformProblems(CONCURRENT_CHANGE)
    @ApiResponse(responseCode = "201", description = "A new invitation replaces the old one", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "The same answer again: a retry "
            + "with the Idempotency-Key (or MS-RequestId) of a request already done")
    public ResponseEntity<InvitationDraft> resendInvitation(Caller caller, @PathVariable UUID invitationId,
                                                            ClientRequest client) {
        caller.requireProvider(INVITERS);
        return draft(partnerships.resend(caller.tenantId(), invitationId, caller.userId(), client), null, null);
    }

    @GetMapping("/partnership-invitations/{token}")
    @Operation(summary = "See who an invitation is from, and until when it can be used, before accepting it "
            + "(reseller users)")
    @Raises({INVITATION_NOT_FOUND, INVITATION_USED, INVITATION_REVOKED, INVITATION_EXPIRED, PROVIDER_NOT_REGISTERED})
    public InvitationView invitation(Caller caller, @PathVariable String token) {
        caller.requireReseller();
        InvitationEntry invitation = partnerships.invitation(token, caller.tenantId());
        ProviderEntry provider = partnerships.invitingProvider(invitation);
        return new InvitationView(provider.providerTenantId(), provider.name(), provider.cspRegion(),
                invitation.expiresAt());
    }

    @PostMapping("/partnership-invitations/{token}/accept")
    @Operation(summary = "Accept an invitation (the reseller's GlobalAdmin); the link is used up")
    @Raises({INVITATION_NOT_FOUND, INVITATION_USED, INVITATION_REVOKED, INVITATION_EXPIRED, PROVIDER_NOT_REGISTERED,
            RESELLER_NOT_ENROLLED, INVITATION_PREDATES_REMOVAL, ALREADY_PARTNERED, RESELLER_NOT_ACTIVE, REGION_MISMATCH})
    @PlatformProblems(CONCURRENT_CHANGE)
    @ApiResponse(responseCode = "201", description = "Partnership created", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "The same answer again: a retry "
            + "with the Idempotency-Key (or MS-RequestId) of a request already done")
    public ResponseEntity<PartnershipView> accept(Caller caller, @PathVariable String token, ClientRequest client) {
        caller.requireReseller(Role.GlobalAdmin);
        Outcome<PartnershipEntry> accepted = partnerships.accept(token, caller.tenantId(), caller.userId(), client);
        return ResponseEntity.status(accepted.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .header(ClientRequest.REPLAYED, Boolean.toString(accepted.replayed()))
                .body(PartnershipView.of(accepted.value(), false));
    }

    @GetMapping("/partnerships")
    @Operation(operationId = "listPartnerships",
            summary = "Your partnerships: a provider's indirect resellers, or a reseller's providers",
            description = "Active ones unless state=removed (history) or state=all is asked for.")
    public Page<PartnershipView> list(Caller caller,
                                      @RequestParam(defaultValue = "active") @Pattern(regexp = "active|removed|all")
                                      String state,
                                      @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
                                      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        caller.requireTenantUser();
        PartnershipEntry.State filter = state.equals("all") ? null : PartnershipEntry.State.valueOf(state);
        Page<PartnershipEntry> result = caller.isProvider()
                ? queries.partnershipsOfProvider(caller.tenantId(), filter, page, size)
                : queries.partnershipsOfReseller(caller.tenantId(), filter, page, size);
        return result.map(entry -> PartnershipView.of(entry, caller.isProvider()));
    }

    @DeleteMapping("/partnerships/{resellerTenantId}")
    @Operation(summary = "Remove a partnership (GlobalAdmin; needs the good-faith attestation)",
            description = "Nothing cascades and no notice is sent to the reseller or its customers: giving legal "
                    + "notice where your agreement requires it is your own duty. Open invitations to the reseller "
                    + "are revoked: partnering again needs a new invitation.")
    @Raises({ATTESTATION_REQUIRED, PARTNERSHIP_NOT_FOUND})
    @PlatformProblems(CONCURRENT_CHANGE)
    public RemovalView remove(Caller caller, @PathVariable UUID resellerTenantId,
                              @Valid @RequestBody(required = false) RemovePartnershipRequest request) {
        caller.requireProvider(Role.GlobalAdmin);
        boolean attested = request != null && Boolean.TRUE.equals(request.goodFaithAttestation());
        PartnershipEntry removed = partnerships.remove(caller.tenantId(), resellerTenantId, caller.userId(),
                request == null ? null : request.reason(), attested);
        return new RemovalView(PartnershipView.of(removed, true), false, false, Responses.REMOVAL_NOTICE);
    }

    /** 201 with the draft and its link; 200 without the link when a retry answers an earlier invitation. */
    private ResponseEntity<InvitationDraft> draft(Outcome<IssuedInvitation> outcome, String subject, String body) {
        IssuedInvitation issued = outcome.value();
        InvitationDraft draft = issued.token() == null ? InvitationDraft.withoutLink(issued.invitationId(),
                issued.expiresAt()) : InvitationDraft.compose(issued.invitationId(), issued.provider().name(),
                links.linkFor(issued.token()), issued.resellerEmail(), subject,
                body, issued.expiresAt());
        return ResponseEntity.status(outcome.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .cacheControl(CacheControl.noStore())
                .header(ClientRequest.REPLAYED, Boolean.toString(outcome.replayed())).body(draft);
    }
}
