package com.cspchannel.partnerview;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * What this service knows of providers, resellers and partnerships (from the partnership service's events),
 * and the rule for naming a reseller of record, with Partner Center's codes.
 */
public class PartnerFacts {

    private final JdbcTemplate jdbc;

    public PartnerFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean activePartnership(UUID provider, UUID reseller) {
        return Boolean.TRUE.equals(jdbc.query("""
                select active from partner_partnership where provider_tenant_id = ? and reseller_tenant_id = ?""",
                rs -> rs.next() && rs.getBoolean(1), provider, reseller));
    }

    /** A refusal of a PartnerID as partner of record: a Partner Center code and why. */
    public record Refusal(String code, String message) {
    }

    /**
     * Whether {@code partnerId} may be named partner of record on the provider's order: a PLA id of an active
     * reseller in the provider's region with a signed MPA, partnered with the provider, and not the provider's
     * own id.
     */
    public Optional<Refusal> partnerOfRecordRefusal(UUID provider, String partnerId) {
        var providerFacts = jdbc.query("select partner_id, csp_region from partner_provider where provider_tenant_id = ?",
                (rs, n) -> new String[]{rs.getString(1), rs.getString(2)}, provider);
        if (providerFacts.isEmpty()) {
            return Optional.of(new Refusal("provider-not-registered",
                    "Your provider profile is not known yet, so a partner of record cannot be checked."));
        }
        String ownId = providerFacts.get(0)[0];
        String region = providerFacts.get(0)[1];
        if (partnerId.equals(ownId)) {
            return Optional.of(new Refusal("2072", "Your own PartnerID cannot be the partner of record."));
        }
        List<Reseller> found = jdbc.query("""
                select reseller_tenant_id, csp_region, pla_partner_ids @> array[?]::text[] as pla,
                       mpa_signed_regions, program_status
                from partner_reseller
                where pla_partner_ids @> array[?]::text[] or pga_partner_id = ?""",
                (rs, n) -> new Reseller(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3),
                        List.of((String[]) rs.getArray(4).getArray()), rs.getString(5)),
                partnerId, partnerId, partnerId);
        if (found.isEmpty()) {
            return Optional.of(new Refusal("3000", "No indirect reseller has the PartnerID " + partnerId
                    + " (800015)."));
        }
        Reseller reseller = found.get(0);
        if (!reseller.pla()) {
            return Optional.of(new Refusal("2204", "PartnerID " + partnerId + " is a PGA (global) id, not an "
                    + "indirect-reseller account (800016): use one of the reseller's PLA ids."));
        }
        if (!"active".equals(reseller.programStatus())) {
            return Optional.of(new Refusal("800039", "The reseller's CSP program status is not active."));
        }
        if (!reseller.region().equalsIgnoreCase(region)) {
            return Optional.of(new Refusal("2201", "The reseller's CSP region differs from yours."));
        }
        if (reseller.mpaRegions().stream().noneMatch(r -> r.toLowerCase(Locale.ROOT).equals(
                region.toLowerCase(Locale.ROOT)))) {
            return Optional.of(new Refusal("2203", "The reseller has not signed the Microsoft Partner Agreement "
                    + "for " + region + " (900123)."));
        }
        if (!activePartnership(provider, reseller.tenantId())) {
            return Optional.of(new Refusal("reseller-not-partnered",
                    "The reseller has no active partnership with you."));
        }
        return Optional.empty();
    }

    private record Reseller(UUID tenantId, String region, boolean pla, List<String> mpaRegions,
                            String programStatus) {
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
