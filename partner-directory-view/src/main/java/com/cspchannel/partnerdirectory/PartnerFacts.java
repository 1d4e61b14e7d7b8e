package com.cspchannel.partnerdirectory;

import com.cspchannel.rules.partner.PartnerIdRules;
import com.cspchannel.rules.partner.PartnerIdRules.Refusal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;

import java.sql.ResultSet;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What this service knows of providers, resellers and partnerships (from the partnership service's events),
 * and the answers of the partner rules on it.
 */
public class PartnerFacts {

    /** The refusal's code when the provider itself is not known here yet. */
    public static final String PROVIDER_NOT_REGISTERED = "provider-not-registered";

    private final JdbcTemplate jdbc;

    public PartnerFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the provider's profile is known here (registered in the CSP program registry). */
    public boolean providerRegistered(UUID provider) {
        return Boolean.TRUE.equals(jdbc.query("select 1 from partner_provider where provider_tenant_id = ?",
                (ResultSetExtractor<Boolean>) ResultSet::next, provider));
    }

    public boolean activePartnership(UUID provider, UUID reseller) {
        return Boolean.TRUE.equals(jdbc.query("""
                select active from partner_partnership where provider_tenant_id = ? and reseller_tenant_id = ?""",
                rs -> rs.next() && rs.getBoolean(1), provider, reseller));
    }

    /**
     * Why {@code partnerId} may not be named partner of record on the provider's order or subscription, judged by
     * {@link PartnerIdRules#partnerOfRecord} on what this service knows; empty when it may.
     */
    public Optional<Refusal> partnerOfRecordRefusal(UUID provider, String partnerId) {
        var providers = jdbc.query("select partner_id, csp_region from partner_provider where provider_tenant_id = ?",
                (rs, n) -> new PartnerIdRules.Provider(rs.getString(1), rs.getString(2)), provider);
        if (providers.isEmpty()) {
            return Optional.of(new Refusal(PROVIDER_NOT_REGISTERED, List.of(),
                    "Your provider profile is not known yet, so a partner of record cannot be checked."));
        }
        List<KnownReseller> found = jdbc.query("""
                select reseller_tenant_id, csp_region, pla_partner_ids @> array[?]::text[] as pla,
                       mpa_signed_regions, program_status
                from partner_reseller
                where pla_partner_ids @> array[?]::text[] or pga_partner_id = ?""",
                (rs, n) -> new KnownReseller(rs.getObject(1, UUID.class), new PartnerIdRules.Reseller(rs.getBoolean(3),
                        "active".equals(rs.getString(5)), rs.getString(2),
                        List.of((String[]) rs.getArray(4).getArray()))),
                partnerId, partnerId, partnerId);
        Optional<KnownReseller> reseller = found.stream().findFirst();
        boolean partnered = reseller.map(r -> activePartnership(provider, r.tenantId())).orElse(false);
        return PartnerIdRules.partnerOfRecord(partnerId, providers.get(0), reseller.map(KnownReseller::facts),
                partnered);
    }

    private record KnownReseller(UUID tenantId, PartnerIdRules.Reseller facts) {
    }

    /** The reseller holding this PLA PartnerID, if this service knows it. */
    public Optional<UUID> resellerOfPla(String partnerId) {
        return jdbc.query("select reseller_tenant_id from partner_reseller where pla_partner_ids @> array[?]::text[]",
                (rs, n) -> rs.getObject(1, UUID.class), partnerId).stream().findFirst();
    }

    /** Whether the partnership of this pair is known to have been removed (a definitive no, unlike unknown). */
    public boolean partnershipRemoved(UUID provider, UUID reseller) {
        return Boolean.FALSE.equals(jdbc.query(
                "select active from partner_partnership where provider_tenant_id = ? and reseller_tenant_id = ?",
                rs -> rs.next() ? rs.getBoolean(1) : null, provider, reseller));
    }
}
