package com.cspchannel.partnership.integration;

import com.cspchannel.events.partnership.PartnershipRemoved;
import com.cspchannel.events.partnership.ProgramStatus;
import com.cspchannel.events.partnership.ResellerComplianceChanged;
import com.cspchannel.partnership.query.DirectoryProjection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.cspchannel.events.partnership.ResellerIneligibilityReported.MPA_LAPSED;
import static com.cspchannel.events.partnership.ResellerIneligibilityReported.PARTNERSHIP_REMOVED;
import static com.cspchannel.events.partnership.ResellerIneligibilityReported.RESELLER_SUSPENDED;

/**
 * Records, for each provider, the events that made a reseller ineligible for it: the provider removed the
 * partnership; the reseller's program status stopped being active (every provider with an active partnership);
 * its MPA stopped covering a region (every provider with an active partnership in that region, the provider's
 * region being the partnership's, since both must match). One trigger per event and provider: a suspension that
 * also drops regions is reported as the suspension, and a change while already suspended is no new ineligibility.
 * <p>
 * Runs with the directory views, in the transaction of the command whose event it records, so a trigger is never
 * lost nor recorded for a command that failed. {@link IneligibilityReporter} reports it once the associations view
 * caught up.
 */
@ProcessingGroup(DirectoryProjection.PROCESSING_GROUP)
public class IneligibilityTriggers {

    private final JdbcTemplate jdbc;
    private final EventStore events;

    public IneligibilityTriggers(JdbcTemplate jdbc, EventStore events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @EventHandler
    void on(PartnershipRemoved e) {
        record(e.eventId(), e.providerTenantId(), e.resellerTenantId(), PARTNERSHIP_REMOVED, null, e.occurredAt());
    }

    @EventHandler
    void on(ResellerComplianceChanged e, @SequenceNumber long sequence) {
        Compliance before = complianceBefore(e.resellerTenantId(), sequence);
        if (!before.active()) {
            return;
        }
        boolean suspended = e.programStatus() != ProgramStatus.ACTIVE;
        Set<String> signed = e.mpaSignedRegions().stream().map(r -> r.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        Set<String> lapsed = before.regions().stream().map(r -> r.toLowerCase(Locale.ROOT))
                .filter(r -> !signed.contains(r)).collect(Collectors.toSet());
        if (!suspended && lapsed.isEmpty()) {
            return;
        }
        for (ActivePartnership partnership : activePartnerships(e.resellerTenantId())) {
            if (suspended) {
                record(e.eventId(), partnership.provider(), e.resellerTenantId(), RESELLER_SUSPENDED, null,
                        e.occurredAt());
            } else if (partnership.region() != null && lapsed.contains(partnership.region().toLowerCase(Locale.ROOT))) {
                record(e.eventId(), partnership.provider(), e.resellerTenantId(), MPA_LAPSED, partnership.region(),
                        e.occurredAt());
            }
        }
    }

    /** The id of the report of one trigger for one provider: the same on every replica and every retry. */
    static UUID reportId(UUID triggerEventId, UUID provider) {
        return UUID.nameUUIDFromBytes(("reseller-ineligibility:" + triggerEventId + ":" + provider)
                .getBytes(StandardCharsets.UTF_8));
    }

    private void record(UUID triggerEventId, UUID provider, UUID reseller, String cause, String region,
                        Instant occurredAt) {
        jdbc.update("""
                insert into ineligibility_trigger (trigger_event_id, provider_tenant_id, reseller_tenant_id, cause,
                    csp_region, occurred_at, report_id) values (?, ?, ?, ?, ?, ?, ?)
                on conflict do nothing""", triggerEventId, provider, reseller, cause, region,
                Timestamp.from(occurredAt), reportId(triggerEventId, provider));
    }

    private record Compliance(boolean active, List<String> regions) {
    }

    /**
     * The reseller's compliance before this event: the event carries only the new state, and the reseller's
     * own stream (a handful of events) says the previous one, whatever order the views apply this event in.
     */
    private Compliance complianceBefore(UUID reseller, long sequence) {
        Compliance compliance = new Compliance(true, List.of());
        DomainEventStream stream = events.readEvents(reseller.toString(), 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (message.getSequenceNumber() >= sequence) {
                break;
            }
            if (message.getPayload() instanceof ResellerComplianceChanged earlier) {
                compliance = new Compliance(earlier.programStatus() == ProgramStatus.ACTIVE,
                        earlier.mpaSignedRegions());
            }
        }
        return compliance;
    }

    private record ActivePartnership(UUID provider, String region) {
    }

    private List<ActivePartnership> activePartnerships(UUID reseller) {
        return jdbc.query("""
                select p.provider_tenant_id, pp.csp_region from partnership p
                left join provider_profile pp on pp.provider_tenant_id = p.provider_tenant_id
                where p.reseller_tenant_id = ? and p.state = 'active'
                order by p.provider_tenant_id""", (rs, n) -> new ActivePartnership(
                rs.getObject(1, UUID.class), rs.getString(2)), reseller);
    }
}
