package com.cspchannel.partnership.query;

import com.cspchannel.events.partnership.ProgramStatus;
import com.cspchannel.platform.web.Page;
import com.cspchannel.platform.web.PageQuery;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Reads of the partnership service's views. Every list is paginated. */
@Component
public class PartnershipQueries {

    private static final String PARTNERSHIP_SELECT = """
            select p.provider_tenant_id, pp.name as provider_name, p.reseller_tenant_id, r.name as reseller_name,
                   r.pla_partner_ids, coalesce(r.csp_region, pp.csp_region) as csp_region, p.state, p.since,
                   p.removed_at, p.removal_reason
            from partnership p
            left join reseller_directory r on r.reseller_tenant_id = p.reseller_tenant_id
            left join provider_profile pp on pp.provider_tenant_id = p.provider_tenant_id
            """;

    private final JdbcTemplate jdbc;

    public PartnershipQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ProviderEntry> provider(UUID providerTenantId) {
        return jdbc.query("select * from provider_profile where provider_tenant_id = ?", PROVIDER, providerTenantId)
                .stream().findFirst();
    }

    public Optional<ResellerEntry> reseller(UUID resellerTenantId) {
        return jdbc.query("select * from reseller_directory where reseller_tenant_id = ?", RESELLER,
                resellerTenantId).stream().findFirst();
    }

    /** The reseller holding this PartnerID as a PLA id or as its PGA id. */
    public Optional<ResellerEntry> resellerByPartnerId(String partnerId) {
        return jdbc.query("""
                select * from reseller_directory where pla_partner_ids @> array[?]::text[] or pga_partner_id = ?
                limit 1""", RESELLER, partnerId, partnerId).stream().findFirst();
    }

    /** Another reseller that already holds one of these PartnerIDs (PLA or PGA). */
    public Optional<ResellerEntry> otherResellerHoldingAny(List<String> partnerIds, UUID except) {
        String[] ids = partnerIds.toArray(String[]::new);
        return jdbc.query("""
                select * from reseller_directory
                where reseller_tenant_id <> ? and (pla_partner_ids && ?::text[] or pga_partner_id = any(?::text[]))
                limit 1""", RESELLER, except, ids, ids).stream().findFirst();
    }

    public Page<ResellerEntry> resellers(String cspRegion, int page, int size) {
        String where = cspRegion == null ? "" : " where lower(csp_region) = lower(?)";
        List<Object> args = cspRegion == null ? List.of() : List.of(cspRegion);
        return PageQuery.read(jdbc, "select * from reseller_directory" + where, args, "name, reseller_tenant_id",
                RESELLER, page, size);
    }

    public Optional<InvitationEntry> invitation(UUID invitationId) {
        return jdbc.query("select * from partnership_invitation where invitation_id = ?", INVITATION, invitationId)
                .stream().findFirst();
    }

    /** A provider's invitations, newest first; {@code state} filters (expired: pending past the expiry). */
    public Page<InvitationEntry> invitations(UUID providerTenantId, InvitationEntry.State state, Instant now,
                                             int page, int size) {
        List<Object> args = new ArrayList<>(List.of(providerTenantId));
        String where = " where provider_tenant_id = ?";
        if (state == InvitationEntry.State.pending || state == InvitationEntry.State.expired) {
            where += state == InvitationEntry.State.pending ? " and state = 'pending' and expires_at > ?"
                    : " and state = 'pending' and expires_at <= ?";
            args.add(Timestamp.from(now));
        } else if (state != null) {
            where += " and state = ?";
            args.add(state.name());
        }
        return PageQuery.read(jdbc, "select * from partnership_invitation" + where, args,
                "issued_at desc, invitation_id", INVITATION, page, size);
    }

    /** The provider's invitations that name this reseller and were neither used nor revoked. */
    public List<UUID> openInvitationsFor(UUID providerTenantId, UUID resellerTenantId) {
        return jdbc.queryForList("""
                select invitation_id from partnership_invitation
                where provider_tenant_id = ? and invited_reseller = ? and state = 'pending'""", UUID.class,
                providerTenantId, resellerTenantId);
    }

    private static final RowMapper<InvitationEntry> INVITATION = (rs, n) -> new InvitationEntry(
            rs.getObject("invitation_id", UUID.class), rs.getObject("provider_tenant_id", UUID.class),
            rs.getString("issued_by"), rs.getTimestamp("issued_at").toInstant(),
            rs.getTimestamp("expires_at").toInstant(), rs.getString("token_sha256"), rs.getString("reseller_email"),
            rs.getObject("invited_reseller", UUID.class), InvitationEntry.State.valueOf(rs.getString("state")),
            rs.getObject("used_by_reseller", UUID.class),
            rs.getTimestamp("closed_at") == null ? null : rs.getTimestamp("closed_at").toInstant());

    public Optional<PartnershipEntry> partnership(UUID providerTenantId, UUID resellerTenantId) {
        return jdbc.query(PARTNERSHIP_SELECT + " where p.provider_tenant_id = ? and p.reseller_tenant_id = ?",
                PARTNERSHIP, providerTenantId, resellerTenantId).stream().findFirst();
    }

    public Page<PartnershipEntry> partnershipsOfProvider(UUID providerTenantId, PartnershipEntry.State state,
                                                               int page, int size) {
        return partnerships("p.provider_tenant_id", providerTenantId, state, page, size);
    }

    public Page<PartnershipEntry> partnershipsOfReseller(UUID resellerTenantId, PartnershipEntry.State state,
                                                               int page, int size) {
        return partnerships("p.reseller_tenant_id", resellerTenantId, state, page, size);
    }

    private Page<PartnershipEntry> partnerships(String column, UUID tenant, PartnershipEntry.State state,
                                                      int page, int size) {
        String where = " where " + column + " = ?" + (state == null ? "" : " and p.state = ?");
        List<Object> args = new ArrayList<>();
        args.add(tenant);
        if (state != null) {
            args.add(state.name());
        }
        return PageQuery.read(jdbc, PARTNERSHIP_SELECT + where, args, "p.since desc, p.reseller_tenant_id",
                PARTNERSHIP, page, size);
    }

    private static final RowMapper<ProviderEntry> PROVIDER = (rs, n) -> new ProviderEntry(
            rs.getObject("provider_tenant_id", UUID.class), rs.getString("name"), rs.getString("contact_email"),
            rs.getString("csp_region"), rs.getString("partner_id"), rs.getString("preferred_language"),
            rs.getLong("version"));

    private static final RowMapper<ResellerEntry> RESELLER = (rs, n) -> new ResellerEntry(
            rs.getObject("reseller_tenant_id", UUID.class), rs.getString("name"), rs.getString("contact_email"),
            rs.getString("country"), rs.getString("csp_region"), strings(rs.getArray("pla_partner_ids")),
            rs.getString("pga_partner_id"), rs.getString("preferred_language"),
            strings(rs.getArray("mpa_signed_regions")),
            ProgramStatus.valueOf(rs.getString("program_status").toUpperCase(Locale.ROOT)),
            instant(rs, "enrolled_at"), rs.getLong("version"));

    private static final RowMapper<PartnershipEntry> PARTNERSHIP = (rs, n) -> new PartnershipEntry(
            rs.getObject("provider_tenant_id", UUID.class), rs.getString("provider_name"),
            rs.getObject("reseller_tenant_id", UUID.class), rs.getString("reseller_name"),
            rs.getArray("pla_partner_ids") == null ? List.of() : strings(rs.getArray("pla_partner_ids")),
            rs.getString("csp_region"), PartnershipEntry.State.valueOf(rs.getString("state")),
            instant(rs, "since"), instant(rs, "removed_at"), rs.getString("removal_reason"));

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
