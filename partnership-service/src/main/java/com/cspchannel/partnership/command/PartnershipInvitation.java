package com.cspchannel.partnership.command;

import com.cspchannel.events.partnership.PartnershipInvitationIssued;
import com.cspchannel.partnership.command.Commands.IssuePartnershipInvitation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A provider's invitation to partner. Its personalised link carries a secret token; the aggregate records only
 * the token's SHA-256 and its expiry. Whether a presented link is valid is a read of the query side
 * ({@link InvitationTokens#invitingProvider}).
 */
@Aggregate
public class PartnershipInvitation {

    @AggregateIdentifier
    private String invitationId;

    protected PartnershipInvitation() {
    }

    @CommandHandler
    public PartnershipInvitation(IssuePartnershipInvitation command, Clock clock) {
        UUID id = UUID.fromString(command.invitationId());
        apply(new PartnershipInvitationIssued(UUID.randomUUID(), clock.instant(), id, command.providerTenantId(),
                command.issuedBy(), command.resellerEmail(), command.expiresAt()));
        apply(new InvitationTokenIssued(id, command.tokenSha256(), command.expiresAt()));
    }

    @EventSourcingHandler
    void on(PartnershipInvitationIssued event) {
        invitationId = event.invitationId().toString();
    }
}
