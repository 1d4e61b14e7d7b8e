package com.cspchannel.partnership.web;

import com.cspchannel.partnership.command.PartnershipProperties;
import com.cspchannel.partnership.command.PartnershipService;
import com.cspchannel.partnership.command.PartnershipService.IssuedInvitation;
import com.cspchannel.partnership.query.PartnershipEntry;
import com.cspchannel.partnership.query.PartnershipQueries;
import com.cspchannel.partnership.query.ProviderEntry;
import com.cspchannel.partnership.web.Requests.InvitationRequest;
import com.cspchannel.partnership.web.Requests.RemovePartnershipRequest;
import com.cspchannel.partnership.web.Responses.InvitationView;
import com.cspchannel.platform.web.Page;
import com.cspchannel.partnership.web.Responses.PartnershipView;
import com.cspchannel.partnership.web.Responses.RemovalView;
import com.cspchannel.platform.security.Caller;
import com.cspchannel.platform.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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

import java.util.UUID;

/** Partnerships between a provider and its indirect resellers: request, accept, list, remove. */
@RestController
@RequestMapping("/api/v1")
@Validated
@Tag(name = "Partnerships", description = "Partner with indirect resellers")
public class PartnershipController {

    private final PartnershipService partnerships;
    private final PartnershipQueries queries;
    private final String publicBaseUrl;

    public PartnershipController(PartnershipService partnerships, PartnershipQueries queries,
                                 PartnershipProperties properties) {
        this.partnerships = partnerships;
        this.queries = queries;
        this.publicBaseUrl = properties.publicBaseUrl().replaceAll("/+$", "");
    }

    @PostMapping("/partnership-invitations")
    @Operation(summary = "Request a partnership: a draft invitation email with a personalised link "
            + "(GlobalAdmin, AdminAgent, SalesAgent)",
            description = "A custom body must contain {link} where the personalised link goes. The link's token is "
                    + "shown only in this answer; nothing is partnered until the reseller accepts.")
    public ResponseEntity<InvitationDraft> requestPartnership(Caller caller,
                                                              @Valid @RequestBody(required = false)
                                                              InvitationRequest request) {
        caller.requireProvider(Role.GlobalAdmin, Role.AdminAgent, Role.SalesAgent);
        InvitationRequest body = request == null ? new InvitationRequest(null, null, null) : request;
        InvitationDraft.requireLinkPlaceholder(body.body());
        IssuedInvitation issued = partnerships.issueInvitation(caller.tenantId(), caller.userId(),
                body.resellerEmail());
        String link = publicBaseUrl + "/api/v1/partnership-invitations/" + issued.token();
        return ResponseEntity.status(HttpStatus.CREATED).body(InvitationDraft.compose(issued.invitationId(),
                issued.provider().name(), link, body.resellerEmail(), body.subject(), body.body(),
                issued.expiresAt()));
    }

    @GetMapping("/partnership-invitations/{token}")
    @Operation(summary = "See who an invitation is from before accepting it (reseller users)")
    public InvitationView invitation(Caller caller, @PathVariable String token) {
        caller.requireReseller();
        ProviderEntry provider = partnerships.invitingProvider(token);
        return new InvitationView(provider.providerTenantId(), provider.name(), provider.cspRegion());
    }

    @PostMapping("/partnership-invitations/{token}/accept")
    @Operation(summary = "Accept an invitation (the reseller's GlobalAdmin)")
    public ResponseEntity<PartnershipView> accept(Caller caller, @PathVariable String token) {
        caller.requireReseller(Role.GlobalAdmin);
        PartnershipEntry entry = partnerships.accept(token, caller.tenantId(), caller.userId());
        return ResponseEntity.status(HttpStatus.CREATED).body(PartnershipView.of(entry));
    }

    @GetMapping("/partnerships")
    @Operation(summary = "Your partnerships: a provider's indirect resellers, or a reseller's providers")
    public Page<PartnershipView> list(Caller caller,
                                      @RequestParam(required = false) PartnershipEntry.State state,
                                      @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
                                      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        caller.requireTenantUser();
        Page<PartnershipEntry> result = caller.isProvider()
                ? queries.partnershipsOfProvider(caller.tenantId(), state, page, size)
                : queries.partnershipsOfReseller(caller.tenantId(), state, page, size);
        return result.map(PartnershipView::of);
    }

    @DeleteMapping("/partnerships/{resellerTenantId}")
    @Operation(summary = "Remove a partnership (GlobalAdmin; needs the good-faith attestation)",
            description = "Nothing cascades and no notice is sent to the reseller or its customers: giving legal "
                    + "notice where your agreement requires it is your own duty.")
    public RemovalView remove(Caller caller, @PathVariable UUID resellerTenantId,
                              @Valid @RequestBody(required = false) RemovePartnershipRequest request) {
        caller.requireProvider(Role.GlobalAdmin);
        boolean attested = request != null && Boolean.TRUE.equals(request.goodFaithAttestation());
        PartnershipEntry removed = partnerships.remove(caller.tenantId(), resellerTenantId, caller.userId(),
                request == null ? null : request.reason(), attested);
        return new RemovalView(PartnershipView.of(removed), false, false, Responses.REMOVAL_NOTICE);
    }
}
