package com.cspchannel.partnership.command;

import com.cspchannel.partnership.command.Commands.AcceptPartnership;
import com.cspchannel.partnership.command.Commands.IssuePartnershipInvitation;
import com.cspchannel.partnership.command.Commands.RedeemInvitation;
import com.cspchannel.partnership.command.Commands.RemovePartnership;
import com.cspchannel.partnership.command.Commands.RevokeInvitation;
import com.cspchannel.partnership.query.InvitationEntry;
import com.cspchannel.partnership.query.PartnershipEntry;
import com.cspchannel.partnership.query.PartnershipQueries;
import com.cspchannel.partnership.query.ProviderEntry;
import com.cspchannel.partnership.query.ResellerEntry;
import com.cspchannel.platform.domain.DomainRuleViolation;
import com.cspchannel.platform.idempotency.ClientRequest;
import com.cspchannel.platform.idempotency.IdempotentRequests;
import com.cspchannel.platform.idempotency.IdempotentRequests.Outcome;
import com.cspchannel.platform.web.Page;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Partnerships between providers and resellers: invite (list, revoke, re-send), accept, remove. */
@Service
public class PartnershipService {

    private final CommandGateway commands;
    private final PartnershipQueries queries;
    private final Clock clock;
    private final Duration invitationValidity;
    private final IdempotentRequests idempotentRequests;

    public PartnershipService(CommandGateway commands, PartnershipQueries queries, Clock clock,
                              PartnershipProperties properties, IdempotentRequests idempotentRequests) {
        this.commands = commands;
        this.idempotentRequests = idempotentRequests;
        this.queries = queries;
        this.clock = clock;
        this.invitationValidity = properties.invitationValidity();
    }

    /**
     * A new invitation: its id, its secret token (shown to the provider only, never stored; null when a retry
     * answers an invitation issued earlier) and expiry.
     */
    public record IssuedInvitation(UUID invitationId, String token, Instant expiresAt, ProviderEntry provider,
                                   String resellerEmail) {
    }

    /**
     * Issues an invitation. With {@code invitedResellerTenantId}, only that reseller, which must be enrolled, may
     * use its link; without, any enrolled reseller holding the link may, once. With a client request id, a retry
     * answers the same invitation without its link, which is shown once: {@link #resend} gives a new one.
     */
    @Transactional
    public Outcome<IssuedInvitation> issueInvitation(UUID providerTenantId, String issuedBy, String resellerEmail,
                                                     UUID invitedResellerTenantId, ClientRequest client) {
        return idempotentRequests.once(providerTenantId, client, "partnership.invite",
                java.util.Arrays.asList(resellerEmail, invitedResellerTenantId),
                () -> issueNow(providerTenantId, issuedBy, resellerEmail, invitedResellerTenantId),
                IssuedInvitation::invitationId, id -> issuedEarlier(providerTenantId, UUID.fromString(id)));
    }

    private IssuedInvitation issueNow(UUID providerTenantId, String issuedBy, String resellerEmail,
                                      UUID invitedResellerTenantId) {
        ProviderEntry provider = registeredProvider(providerTenantId);
        if (invitedResellerTenantId != null) {
            enrolledReseller(invitedResellerTenantId);
        }
        InvitationTokens.Issued token = InvitationTokens.issue();
        Instant expiresAt = clock.instant().plus(invitationValidity);
        commands.sendAndWait(new IssuePartnershipInvitation(token.invitationId().toString(), providerTenantId,
                issuedBy, resellerEmail, token.sha256(), expiresAt, invitedResellerTenantId));
        return new IssuedInvitation(token.invitationId(), token.token(), expiresAt, provider, resellerEmail);
    }

    /**
     * The invitation a link stands for, if the link is valid for {@code resellerTenantId}: its token, unused,
     * not revoked, unexpired, and meant for this reseller (another reseller's invitation is as if there were
     * none).
     */
    public InvitationEntry invitation(String token, UUID resellerTenantId) {
        InvitationTokens.Presented presented = InvitationTokens.parse(token)
                .orElseThrow(PartnershipErrors::invitationInvalid);
        InvitationEntry invitation = InvitationTokens.invitation(presented,
                queries.invitation(presented.invitationId()), clock.instant());
        if (invitation.invitedResellerTenantId() != null
                && !invitation.invitedResellerTenantId().equals(resellerTenantId)) {
            throw PartnershipErrors.invitationInvalid();
        }
        return invitation;
    }

    /**
     * The invitation a link stands for in whatever state it is (pending, accepted, expired or revoked), for the
     * acceptance page, which tells the link's holder what became of it; empty for a link we did not issue.
     */
    public Optional<InvitationEntry> invitationOfLink(String token) {
        return InvitationTokens.parse(token).flatMap(presented ->
                InvitationTokens.issuedWith(presented, queries.invitation(presented.invitationId())));
    }

    /** The provider a valid invitation is from. */
    public ProviderEntry invitingProvider(InvitationEntry invitation) {
        return registeredProvider(invitation.providerTenantId());
    }

    /**
     * Accepts a partnership with an invitation link, which is used up by it: the invitation and the partnership
     * change in one transaction. A link issued before the provider last removed this reseller cannot restore the
     * partnership: partnering again needs a new invitation.
     */
    @Transactional
    public Outcome<PartnershipEntry> accept(String token, UUID resellerTenantId, String acceptedBy,
                                            ClientRequest client) {
        // a retry of an acceptance that went through answers the partnership, not "link used up"
        return idempotentRequests.once(resellerTenantId, client, "partnership.accept", token,
                () -> acceptNow(token, resellerTenantId, acceptedBy), PartnershipEntry::providerTenantId,
                provider -> queries.partnership(UUID.fromString(provider), resellerTenantId).orElseThrow());
    }

    private PartnershipEntry acceptNow(String token, UUID resellerTenantId, String acceptedBy) {
        InvitationEntry invitation = invitation(token, resellerTenantId);
        ProviderEntry provider = invitingProvider(invitation);
        ResellerEntry reseller = enrolledReseller(resellerTenantId);
        queries.partnership(provider.providerTenantId(), resellerTenantId)
                .filter(p -> p.removedAt() != null && !invitation.issuedAt().isAfter(p.removedAt()))
                .ifPresent(removed -> {
                    throw PartnershipErrors.invitationPredatesRemoval();
                });
        commands.sendAndWait(new RedeemInvitation(invitation.invitationId().toString(), resellerTenantId,
                acceptedBy));
        commands.sendAndWait(new AcceptPartnership(
                Commands.partnershipId(provider.providerTenantId(), resellerTenantId), provider.providerTenantId(),
                resellerTenantId, invitation.invitationId(), acceptedBy, provider.cspRegion(), reseller.cspRegion(),
                reseller.programStatus()));
        return queries.partnership(provider.providerTenantId(), resellerTenantId).orElseThrow();
    }

    /** A provider's invitations, newest first, optionally in one state. */
    public Page<InvitationEntry> invitations(UUID providerTenantId, InvitationEntry.State state, int page, int size) {
        return queries.invitations(providerTenantId, state, clock.instant(), page, size);
    }

    /** Withdraws one of the provider's invitations that was not used; revoking twice changes nothing. */
    @Transactional
    public InvitationEntry revoke(UUID providerTenantId, UUID invitationId, String revokedBy) {
        ownInvitation(providerTenantId, invitationId);
        commands.sendAndWait(new RevokeInvitation(invitationId.toString(), revokedBy, "revoked by the provider"));
        return queries.invitation(invitationId).orElseThrow();
    }

    /** A new link for the same reseller (and address); the old invitation is revoked with it. */
    @Transactional
    public Outcome<IssuedInvitation> resend(UUID providerTenantId, UUID invitationId, String issuedBy,
                                            ClientRequest client) {
        return idempotentRequests.once(providerTenantId, client, "partnership.resend:" + invitationId, null, () -> {
            InvitationEntry old = ownInvitation(providerTenantId, invitationId);
            commands.sendAndWait(new RevokeInvitation(invitationId.toString(), issuedBy, "replaced by a new link"));
            return issueNow(providerTenantId, issuedBy, old.resellerEmail(), old.invitedResellerTenantId());
        }, IssuedInvitation::invitationId, id -> issuedEarlier(providerTenantId, UUID.fromString(id)));
    }

    private IssuedInvitation issuedEarlier(UUID providerTenantId, UUID invitationId) {
        InvitationEntry invitation = ownInvitation(providerTenantId, invitationId);
        return new IssuedInvitation(invitationId, null, invitation.expiresAt(), registeredProvider(providerTenantId),
                invitation.resellerEmail());
    }

    /**
     * Removes a partnership, with the provider's good-faith attestation. Every open invitation to that reseller is
     * revoked with it, so that the reseller cannot partner again without a new invitation.
     */
    @Transactional
    public PartnershipEntry remove(UUID providerTenantId, UUID resellerTenantId, String removedBy, String reason,
                                   boolean goodFaithAttestation) {
        if (!goodFaithAttestation) {
            throw PartnershipErrors.attestationRequired();
        }
        queries.partnership(providerTenantId, resellerTenantId)
                .filter(p -> p.state() == PartnershipEntry.State.active)
                .orElseThrow(PartnershipErrors::partnershipNotActive);
        commands.sendAndWait(new RemovePartnership(Commands.partnershipId(providerTenantId, resellerTenantId),
                removedBy, reason, true, PartnershipErrors.GOOD_FAITH_ATTESTATION));
        for (UUID open : queries.openInvitationsFor(providerTenantId, resellerTenantId)) {
            commands.sendAndWait(new RevokeInvitation(open.toString(), removedBy, "the partnership was removed"));
        }
        return queries.partnership(providerTenantId, resellerTenantId).orElseThrow();
    }

    private InvitationEntry ownInvitation(UUID providerTenantId, UUID invitationId) {
        return queries.invitation(invitationId).filter(i -> i.providerTenantId().equals(providerTenantId))
                .orElseThrow(PartnershipErrors::invitationInvalid);
    }

    private ResellerEntry enrolledReseller(UUID resellerTenantId) {
        return queries.reseller(resellerTenantId).orElseThrow(() ->
                DomainRuleViolation.unprocessable("reseller-not-enrolled", "The organisation is not enrolled as an "
                        + "indirect reseller in the CSP program; it must enrol first."));
    }

    private ProviderEntry registeredProvider(UUID providerTenantId) {
        return queries.provider(providerTenantId).orElseThrow(() -> DomainRuleViolation.unprocessable(
                "provider-not-registered", "The provider's profile is not registered in the CSP program registry."));
    }
}
