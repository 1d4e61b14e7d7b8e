package com.cspchannel.partnership.command;

import com.cspchannel.events.partnership.PartnershipInvitationIssued;
import com.cspchannel.partnership.command.Commands.IssuePartnershipInvitation;
import com.cspchannel.partnership.command.Commands.VerifyInvitationToken;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A provider's invitation to partner. Its personalised link carries a secret token; the aggregate keeps only
 * the token's SHA-256 and its expiry, and tells whether a presented token is valid.
 */
@Aggregate
public class PartnershipInvitation {

    @AggregateIdentifier
    private String invitationId;
    private UUID providerTenantId;
    private String tokenSha256;
    private Instant expiresAt;

    protected PartnershipInvitation() {
    }

    @CommandHandler
    public PartnershipInvitation(IssuePartnershipInvitation command, Clock clock) {
        UUID id = UUID.fromString(command.invitationId());
        apply(new PartnershipInvitationIssued(UUID.randomUUID(), clock.instant(), id, command.providerTenantId(),
                command.issuedBy(), command.resellerEmail(), command.expiresAt()));
        apply(new InvitationTokenIssued(id, command.tokenSha256(), command.expiresAt()));
    }

    @CommandHandler
    public UUID handle(VerifyInvitationToken command, Clock clock) {
        if (tokenSha256 == null || !MessageDigest.isEqual(tokenSha256.getBytes(StandardCharsets.US_ASCII),
                command.tokenSha256().getBytes(StandardCharsets.US_ASCII))) {
            throw PartnershipErrors.invitationInvalid();
        }
        if (!clock.instant().isBefore(expiresAt)) {
            throw PartnershipErrors.invitationExpired();
        }
        return providerTenantId;
    }

    @EventSourcingHandler
    void on(PartnershipInvitationIssued event) {
        invitationId = event.invitationId().toString();
        providerTenantId = event.providerTenantId();
    }

    @EventSourcingHandler
    void on(InvitationTokenIssued event) {
        tokenSha256 = event.tokenSha256();
        expiresAt = event.expiresAt();
    }
}
