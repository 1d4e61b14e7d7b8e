package com.cspchannel.partnerdirectory;

import com.cspchannel.events.Topics;
import com.cspchannel.events.partnership.PartnershipAccepted;
import com.cspchannel.events.partnership.PartnershipRemoved;
import com.cspchannel.events.partnership.ProviderProfileRegistered;
import com.cspchannel.events.partnership.ProviderProfileUpdated;
import com.cspchannel.events.partnership.ResellerComplianceChanged;
import com.cspchannel.events.partnership.ResellerEnrolled;
import com.cspchannel.events.partnership.ResellerProfileUpdated;
import com.cspchannel.platform.consumer.EventHandlers;
import com.cspchannel.platform.consumer.TopicConsumer;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Keeps this service's view of the partnership service's facts (providers, the reseller directory,
 * partnerships) from {@code csp.partnerships.events}, exactly once per event. Events of one aggregate arrive in
 * order (one partition per key); each event carries the whole new state of what it describes.
 */
public class PartnerViewListener extends TopicConsumer {

    private final JdbcTemplate jdbc;

    public PartnerViewListener(JdbcTemplate jdbc, String name) {
        super(name, List.of(Topics.PARTNERSHIPS));
        this.jdbc = jdbc;
    }

    /** Invitations and the other partnership events do not concern this view. */
    @Override
    public EventHandlers handlers() {
        return EventHandlers.builder()
                .on(ProviderProfileRegistered.class, e -> provider(e.providerTenantId(), e.partnerId(), e.cspRegion()))
                .on(ProviderProfileUpdated.class, e -> provider(e.providerTenantId(), e.partnerId(), e.cspRegion()))
                .on(ResellerEnrolled.class, e -> reseller(e.resellerTenantId(), e.name(), e.cspRegion(),
                        e.plaPartnerIds(), e.pgaPartnerId()))
                .on(ResellerProfileUpdated.class, e -> reseller(e.resellerTenantId(), e.name(), e.cspRegion(),
                        e.plaPartnerIds(), e.pgaPartnerId()))
                .on(ResellerComplianceChanged.class, e -> jdbc.update("""
                        update partner_reseller set mpa_signed_regions = ?, program_status = ?
                        where reseller_tenant_id = ?""", e.mpaSignedRegions().toArray(String[]::new),
                        e.programStatus().name().toLowerCase(Locale.ROOT), e.resellerTenantId()))
                .on(PartnershipAccepted.class, e -> partnership(e.providerTenantId(), e.resellerTenantId(), true,
                        e.occurredAt()))
                .on(PartnershipRemoved.class, e -> partnership(e.providerTenantId(), e.resellerTenantId(), false,
                        e.occurredAt()))
                .build();
    }

    private void provider(UUID provider, String partnerId, String region) {
        jdbc.update("""
                insert into partner_provider (provider_tenant_id, partner_id, csp_region) values (?, ?, ?)
                on conflict (provider_tenant_id) do update set partner_id = excluded.partner_id,
                    csp_region = excluded.csp_region""", provider, partnerId, region);
    }

    private void reseller(UUID reseller, String name, String region, List<String> pla, String pga) {
        jdbc.update("""
                insert into partner_reseller (reseller_tenant_id, name, csp_region, pla_partner_ids, pga_partner_id)
                values (?, ?, ?, ?, ?)
                on conflict (reseller_tenant_id) do update set name = excluded.name, csp_region = excluded.csp_region,
                    pla_partner_ids = excluded.pla_partner_ids, pga_partner_id = excluded.pga_partner_id""",
                reseller, name, region, pla.toArray(String[]::new), pga);
    }

    private void partnership(UUID provider, UUID reseller, boolean active, java.time.Instant at) {
        jdbc.update("""
                insert into partner_partnership (provider_tenant_id, reseller_tenant_id, active, changed_at)
                values (?, ?, ?, ?)
                on conflict (provider_tenant_id, reseller_tenant_id) do update set active = excluded.active,
                    changed_at = excluded.changed_at""", provider, reseller, active, Timestamp.from(at));
    }
}
