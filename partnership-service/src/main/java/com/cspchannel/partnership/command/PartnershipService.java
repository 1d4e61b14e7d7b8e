package com.cspchannel.partnership.command;

import com.cspchannel.partnership.command.Commands.AcceptPartnership;
import com.cspchannel.partnership.command.Commands.IssuePartnershipInvitation;
import com.cspchannel.partnership.command.Commands.RemovePartnership;
import com.cspchannel.partnership.query.PartnershipEntry;
import com.cspchannel.partnership.query.PartnershipQueries;
import com.cspchannel.partnership.query.ProviderEntry;
import com.cspchannel.partnership.query.ResellerEntry;
import com.cspchannel.platform.domain.DomainRuleViolation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Partnerships between providers and resellers: invite, accept, remove. */
@Service
public class PartnershipService {

    private final CommandGateway commands;
    private final PartnershipQueries queries;
    private final Clock clock;
    private final Duration invitationValidity;

    public PartnershipService(CommandGateway commands, PartnershipQueries queries, Clock clock,
                              PartnershipProperties properties) {
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
        this.invitationValidity = properties.invitationValidity();
    }

    /** A new invitation: its id, its secret token (shown to the provider only, never stored) and expiry. */
    public record IssuedInvitation(UUID invitationId, String token, Instant expiresAt, ProviderEntry provider) {
    }

    public IssuedInvitation issueInvitation(UUID providerTenantId, String issuedBy, String resellerEmail) {
        ProviderEntry provider = registeredProvider(providerTenantId);
        InvitationTokens.Issued token = InvitationTokens.issue();
        Instant expiresAt = clock.instant().plus(invitationValidity);
        commands.sendAndWait(new IssuePartnershipInvitation(token.invitationId().toString(), providerTenantId,
                issuedBy, resellerEmail, token.sha256(), expiresAt));
        return new IssuedInvitation(token.invitationId(), token.token(), expiresAt, provider);
    }

    /** The provider an invitation link is from, if the link is valid and unexpired. */
    public ProviderEntry invitingProvider(String token) {
        InvitationTokens.Presented presented = InvitationTokens.parse(token)
                .orElseThrow(PartnershipErrors::invitationInvalid);
        return registeredProvider(InvitationTokens.invitingProvider(presented,
                queries.invitation(presented.invitationId()), clock.instant()));
    }

    public PartnershipEntry accept(String token, UUID resellerTenantId, String acceptedBy) {
        ProviderEntry provider = invitingProvider(token);
        UUID invitationId = InvitationTokens.parse(token).orElseThrow().invitationId();
        ResellerEntry reseller = queries.reseller(resellerTenantId).orElseThrow(() ->
                DomainRuleViolation.unprocessable("reseller-not-enrolled", "Your organisation is not enrolled as an "
                        + "indirect reseller in the CSP program; enrol first, then accept the invitation."));
        commands.sendAndWait(new AcceptPartnership(
                Commands.partnershipId(provider.providerTenantId(), resellerTenantId), provider.providerTenantId(),
                resellerTenantId, invitationId, acceptedBy, provider.cspRegion(), reseller.cspRegion(),
                reseller.programStatus()));
        return queries.partnership(provider.providerTenantId(), resellerTenantId).orElseThrow();
    }

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
        return queries.partnership(providerTenantId, resellerTenantId).orElseThrow();
    }

    private ProviderEntry registeredProvider(UUID providerTenantId) {
        return queries.provider(providerTenantId).orElseThrow(() -> DomainRuleViolation.unprocessable(
                "provider-not-registered", "The provider's profile is not registered in the CSP program registry."));
    }
}
