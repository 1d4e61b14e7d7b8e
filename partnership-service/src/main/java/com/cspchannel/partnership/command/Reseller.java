package com.cspchannel.partnership.command;

import com.cspchannel.events.partnership.ProgramStatus;
import com.cspchannel.events.partnership.ResellerComplianceChanged;
import com.cspchannel.events.partnership.ResellerEnrolled;
import com.cspchannel.events.partnership.ResellerProfileUpdated;
import com.cspchannel.partnership.command.Commands.ChangeResellerCompliance;
import com.cspchannel.partnership.command.Commands.EnrolReseller;
import com.cspchannel.partnership.command.Commands.UpdateResellerProfile;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A reseller in the directory of indirect resellers, shared by all providers: its profile (PLA and PGA
 * PartnerIDs, CSP region) and compliance (MPA signed per region, program status).
 */
@Aggregate
public class Reseller {

    @AggregateIdentifier
    private String resellerId;
    private UUID resellerTenantId;
    private ResellerProfileUpdated profile;
    private List<String> mpaSignedRegions = List.of();
    private ProgramStatus programStatus;

    protected Reseller() {
    }

    @CommandHandler
    public Reseller(EnrolReseller command, Clock clock) {
        requirePgaNotAmongPla(command.pgaPartnerId(), command.plaPartnerIds());
        apply(new ResellerEnrolled(UUID.randomUUID(), clock.instant(), command.resellerTenantId(), command.name(),
                command.contactEmail(), command.country(), command.cspRegion(), command.plaPartnerIds(),
                command.pgaPartnerId(), command.preferredLanguage()));
    }

    @CommandHandler
    public void handle(UpdateResellerProfile command, Clock clock) {
        requirePgaNotAmongPla(command.pgaPartnerId(), command.plaPartnerIds());
        ResellerProfileUpdated updated = new ResellerProfileUpdated(UUID.randomUUID(), clock.instant(),
                resellerTenantId, command.name(), command.contactEmail(), command.country(), command.cspRegion(),
                command.plaPartnerIds(), command.pgaPartnerId(), command.preferredLanguage());
        if (!sameProfile(profile, updated)) {
            apply(updated);
        }
    }

    @CommandHandler
    public void handle(ChangeResellerCompliance command, Clock clock) {
        ResellerComplianceChanged changed = new ResellerComplianceChanged(UUID.randomUUID(), clock.instant(),
                resellerTenantId, command.mpaSignedRegions(), command.programStatus());
        if (!changed.mpaSignedRegions().equals(mpaSignedRegions) || changed.programStatus() != programStatus) {
            apply(changed);
        }
    }

    private static void requirePgaNotAmongPla(String pga, List<String> pla) {
        if (pla.contains(pga)) {
            throw PartnershipErrors.pgaAmongPla();
        }
    }

    private static boolean sameProfile(ResellerProfileUpdated a, ResellerProfileUpdated b) {
        return Objects.equals(a.name(), b.name()) && Objects.equals(a.contactEmail(), b.contactEmail())
                && Objects.equals(a.country(), b.country()) && Objects.equals(a.cspRegion(), b.cspRegion())
                && Objects.equals(a.plaPartnerIds(), b.plaPartnerIds())
                && Objects.equals(a.pgaPartnerId(), b.pgaPartnerId())
                && Objects.equals(a.preferredLanguage(), b.preferredLanguage());
    }

    @EventSourcingHandler
    void on(ResellerEnrolled event) {
        resellerId = event.resellerTenantId().toString();
        resellerTenantId = event.resellerTenantId();
        profile = new ResellerProfileUpdated(event.eventId(), event.occurredAt(), event.resellerTenantId(),
                event.name(), event.contactEmail(), event.country(), event.cspRegion(), event.plaPartnerIds(),
                event.pgaPartnerId(), event.preferredLanguage());
        programStatus = ProgramStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(ResellerProfileUpdated event) {
        profile = event;
    }

    @EventSourcingHandler
    void on(ResellerComplianceChanged event) {
        mpaSignedRegions = event.mpaSignedRegions();
        programStatus = event.programStatus();
    }
}
