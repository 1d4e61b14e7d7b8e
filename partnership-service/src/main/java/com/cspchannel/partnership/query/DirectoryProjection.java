package com.cspchannel.partnership.query;

import com.cspchannel.events.partnership.PartnershipAccepted;
import com.cspchannel.events.partnership.PartnershipInvitationIssued;
import com.cspchannel.events.partnership.PartnershipRemoved;
import com.cspchannel.events.partnership.ProviderProfileRegistered;
import com.cspchannel.events.partnership.ProviderProfileUpdated;
import com.cspchannel.events.partnership.ResellerComplianceChanged;
import com.cspchannel.events.partnership.ResellerEnrolled;
import com.cspchannel.events.partnership.ResellerProfileUpdated;
import com.cspchannel.partnership.command.InvitationRedeemed;
import com.cspchannel.partnership.command.InvitationRevoked;
import com.cspchannel.partnership.command.InvitationTokenIssued;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.List;

/**
 * Keeps the provider profiles, the reseller directory, the invitations and the partnerships tables. Runs in a subscribing
 * processor: in the transaction of the command whose events it applies. Every write is an upsert keyed by
 * the aggregate, so applying an event twice gives the same row.
 */
@Component
@ProcessingGroup(DirectoryProjection.PROCESSING_GROUP)
public class DirectoryProjection {

    public static final String PROCESSING_GROUP = "partnership-views";

    private final JdbcTemplate jdbc;

    public DirectoryProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProviderProfileRegistered e, @SequenceNumber long version) {
        saveProvider(e.providerTenantId(), e.name(), e.contactEmail(), e.cspRegion(), e.partnerId(),
                e.preferredLanguage(), version, e.occurredAt());
    }

    @EventHandler
    void on(ProviderProfileUpdated e, @SequenceNumber long version) {
        saveProvider(e.providerTenantId(), e.name(), e.contactEmail(), e.cspRegion(), e.partnerId(),
                e.preferredLanguage(), version, e.occurredAt());
    }

    private void saveProvider(java.util.UUID id, String name, String email, String region, String partnerId,
                              String language, long version, java.time.Instant at) {
        jdbc.update("""
                insert into provider_profile (provider_tenant_id, name, contact_email, csp_region, partner_id,
                    preferred_language, version, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (provider_tenant_id) do update set name = excluded.name,
                    contact_email = excluded.contact_email, csp_region = excluded.csp_region,
                    partner_id = excluded.partner_id, preferred_language = excluded.preferred_language,
                    version = excluded.version, updated_at = excluded.updated_at""",
                id, name, email, region, partnerId, language, version, Timestamp.from(at));
    }

    @EventHandler
    void on(ResellerEnrolled e, @SequenceNumber long version) {
        jdbc.update("""
                insert into reseller_directory (reseller_tenant_id, name, contact_email, country, csp_region,
                    pla_partner_ids, pga_partner_id, preferred_language, mpa_signed_regions, program_status,
                    enrolled_at, version, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, '{}', 'active', ?, ?, ?)
                on conflict (reseller_tenant_id) do nothing""",
                e.resellerTenantId(), e.name(), e.contactEmail(), e.country(), e.cspRegion(),
                array(e.plaPartnerIds()), e.pgaPartnerId(), e.preferredLanguage(), Timestamp.from(e.occurredAt()),
                version, Timestamp.from(e.occurredAt()));
    }

    @EventHandler
    void on(ResellerProfileUpdated e, @SequenceNumber long version) {
        jdbc.update("""
                update reseller_directory set name = ?, contact_email = ?, country = ?, csp_region = ?,
                    pla_partner_ids = ?, pga_partner_id = ?, preferred_language = ?, version = ?, updated_at = ?
                where reseller_tenant_id = ? and version < ?""",
                e.name(), e.contactEmail(), e.country(), e.cspRegion(), array(e.plaPartnerIds()), e.pgaPartnerId(),
                e.preferredLanguage(), version, Timestamp.from(e.occurredAt()), e.resellerTenantId(), version);
    }

    @EventHandler
    void on(ResellerComplianceChanged e, @SequenceNumber long version) {
        jdbc.update("""
                update reseller_directory set mpa_signed_regions = ?, program_status = ?, version = ?, updated_at = ?
                where reseller_tenant_id = ? and version < ?""",
                array(e.mpaSignedRegions()), e.programStatus().name().toLowerCase(java.util.Locale.ROOT), version,
                Timestamp.from(e.occurredAt()), e.resellerTenantId(), version);
    }

    @EventHandler
    void on(PartnershipAccepted e, @SequenceNumber long version) {
        jdbc.update("""
                insert into partnership (provider_tenant_id, reseller_tenant_id, state, since, invitation_id,
                    accepted_by, version) values (?, ?, 'active', ?, ?, ?, ?)
                on conflict (provider_tenant_id, reseller_tenant_id) do update set state = 'active',
                    since = excluded.since, invitation_id = excluded.invitation_id,
                    accepted_by = excluded.accepted_by, removed_at = null, removed_by = null,
                    removal_reason = null, version = excluded.version
                where partnership.version < excluded.version""",
                e.providerTenantId(), e.resellerTenantId(), Timestamp.from(e.occurredAt()), e.invitationId(),
                e.acceptedBy(), version);
    }

    @EventHandler
    void on(PartnershipRemoved e, @SequenceNumber long version) {
        jdbc.update("""
                update partnership set state = 'removed', removed_at = ?, removed_by = ?, removal_reason = ?,
                    version = ?
                where provider_tenant_id = ? and reseller_tenant_id = ? and version < ?""",
                Timestamp.from(e.occurredAt()), e.removedBy(), e.reason(), version, e.providerTenantId(),
                e.resellerTenantId(), version);
    }

    @EventHandler
    void on(PartnershipInvitationIssued e) {
        jdbc.update("""
                insert into partnership_invitation (invitation_id, provider_tenant_id, issued_by, issued_at, expires_at,
                    reseller_email)
                values (?, ?, ?, ?, ?, ?)
                on conflict (invitation_id) do nothing""", e.invitationId(), e.providerTenantId(), e.issuedBy(),
                Timestamp.from(e.occurredAt()), Timestamp.from(e.expiresAt()), e.resellerEmail());
    }

    @EventHandler
    void on(InvitationTokenIssued e) {
        jdbc.update("""
                update partnership_invitation set token_sha256 = ?, expires_at = ?, invited_reseller = ?
                where invitation_id = ?""", e.tokenSha256(), Timestamp.from(e.expiresAt()),
                e.invitedResellerTenantId(), e.invitationId());
    }

    @EventHandler
    void on(InvitationRedeemed e) {
        jdbc.update("""
                update partnership_invitation set state = 'accepted', used_by_reseller = ?, closed_at = ?
                where invitation_id = ?""", e.resellerTenantId(), Timestamp.from(e.at()), e.invitationId());
    }

    @EventHandler
    void on(InvitationRevoked e) {
        jdbc.update("update partnership_invitation set state = 'revoked', closed_at = ? where invitation_id = ?",
                Timestamp.from(e.at()), e.invitationId());
    }

    private static String[] array(List<String> values) {
        return values.toArray(String[]::new);
    }
}
