package com.cspchannel.partnership.command;

import com.cspchannel.events.partnership.PartnershipAccepted;
import com.cspchannel.events.partnership.PartnershipRemoved;
import com.cspchannel.events.partnership.ProgramStatus;
import com.cspchannel.partnership.command.Commands.AcceptPartnership;
import com.cspchannel.partnership.command.Commands.RemovePartnership;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The partnership between one provider and one reseller, over its whole life: accepted, removed, accepted
 * again. Removal needs the provider's good-faith attestation and cascades to nothing.
 */
@Aggregate
public class Partnership {

    @AggregateIdentifier
    private String partnershipId;
    private UUID providerTenantId;
    private UUID resellerTenantId;
    private boolean active;

    protected Partnership() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AcceptPartnership command, Clock clock) {
        if (active) {
            throw PartnershipErrors.alreadyPartnered();
        }
        if (command.resellerProgramStatus() != ProgramStatus.ACTIVE) {
            throw PartnershipErrors.resellerNotActive();
        }
        if (!command.providerCspRegion().equalsIgnoreCase(command.resellerCspRegion())) {
            throw PartnershipErrors.regionMismatch(command.providerCspRegion(), command.resellerCspRegion());
        }
        apply(new PartnershipAccepted(UUID.randomUUID(), clock.instant(), command.providerTenantId(),
                command.resellerTenantId(), command.invitationId(), command.acceptedBy(), command.providerCspRegion()));
    }

    @CommandHandler
    public void handle(RemovePartnership command, Clock clock) {
        if (!command.goodFaithAttestation()) {
            throw PartnershipErrors.attestationRequired();
        }
        if (!active) {
            throw PartnershipErrors.partnershipNotActive();
        }
        apply(new PartnershipRemoved(UUID.randomUUID(), clock.instant(), providerTenantId, resellerTenantId,
                command.removedBy(), command.reason(), true, command.attestationStatement()));
    }

    @EventSourcingHandler
    void on(PartnershipAccepted event) {
        partnershipId = Commands.partnershipId(event.providerTenantId(), event.resellerTenantId());
        providerTenantId = event.providerTenantId();
        resellerTenantId = event.resellerTenantId();
        active = true;
    }

    @EventSourcingHandler
    void on(PartnershipRemoved event) {
        active = false;
    }
}
