package com.cspchannel.partnership.command;

import com.cspchannel.events.partnership.PartnershipInvitationIssued;
import com.cspchannel.partnership.command.Commands.IssuePartnershipInvitation;
import com.cspchannel.partnership.command.Commands.RedeemInvitation;
import com.cspchannel.partnership.command.Commands.RevokeInvitation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A provider's invitation to partner, over its life: issued, then used once by a reseller or revoked, or left to
 * expire. Its personalised link carries a secret token; the aggregate records only the token's SHA-256. Whether a
 * presented link is the invitation's is a read of the query side ({@link InvitationTokens#invitation});
 * using it is a command here, so that two resellers (or one, twice) cannot both use one link.
 */
@Aggregate
public class PartnershipInvitation {

    @AggregateIdentifier
    private String invitationId;
    private Instant expiresAt;
    private UUID invitedResellerTenantId;
    private boolean redeemed;
    private boolean revoked;

    protected PartnershipInvitation() {
    }

    @CommandHandler
    public PartnershipInvitation(IssuePartnershipInvitation command, Clock clock) {
        UUID id = UUID.fromString(command.invitationId());
        apply(new PartnershipInvitationIssued(UUID.randomUUID(), clock.instant(), id, command.providerTenantId(),
                command.issuedBy(), command.resellerEmail(), command.expiresAt()));
        apply(new InvitationTokenIssued(id, command.tokenSha256(), command.expiresAt(),
                command.invitedResellerTenantId()));
    }

    @CommandHandler
    public void handle(RedeemInvitation command, Clock clock) {
        if (invitedResellerTenantId != null && !invitedResellerTenantId.equals(command.resellerTenantId())) {
            // another reseller's invitation: as if there were none
            throw PartnershipErrors.invitationInvalid();
        }
        if (redeemed) {
            throw PartnershipErrors.invitationUsed();
        }
        if (revoked) {
            throw PartnershipErrors.invitationRevoked();
        }
        if (!clock.instant().isBefore(expiresAt)) {
            throw PartnershipErrors.invitationExpired();
        }
        apply(new InvitationRedeemed(UUID.fromString(invitationId), command.resellerTenantId(),
                command.redeemedBy(), clock.instant()));
    }

    @CommandHandler
    public void handle(RevokeInvitation command, Clock clock) {
        if (redeemed) {
            throw PartnershipErrors.invitationUsed();
        }
        if (!revoked) {
            apply(new InvitationRevoked(UUID.fromString(invitationId), command.revokedBy(), command.reason(),
                    clock.instant()));
        }
    }

    @EventSourcingHandler
    void on(PartnershipInvitationIssued event) {
        invitationId = event.invitationId().toString();
        expiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(InvitationTokenIssued event) {
        expiresAt = event.expiresAt();
        invitedResellerTenantId = event.invitedResellerTenantId();
    }

    @EventSourcingHandler
    void on(InvitationRedeemed event) {
        redeemed = true;
    }

    @EventSourcingHandler
    void on(InvitationRevoked event) {
        revoked = true;
    }
}
