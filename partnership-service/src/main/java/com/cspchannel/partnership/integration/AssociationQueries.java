package com.cspchannel.partnership.integration;

import com.cspchannel.platform.web.Page;
import com.cspchannel.platform.web.PageQuery;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads of the active generation of the associations view, now or as of an instant. */
public class AssociationQueries {

    /** One interval during which a reseller held an association. */
    public record Association(AssociationKind kind, UUID providerTenantId, UUID resellerTenantId, UUID customerId,
                              UUID subscriptionId, String partnerId, Instant since, Instant until) {
    }

    /** What a reseller holds: one page of it, and how many of each kind in all (whatever kind was asked). */
    public record Held(Page<Association> page, Map<AssociationKind, Long> counts) {
    }

    private final JdbcTemplate jdbc;
    private final AssociationView view;

    public AssociationQueries(JdbcTemplate jdbc, AssociationView view) {
        this.jdbc = jdbc;
        this.view = view;
    }

    /**
     * What the reseller held at {@code asOf} (now when null); {@code provider} restricts to one provider's
     * customers and subscriptions. The partnership itself is listed as kind {@code partnership}.
     */
    public Held held(UUID reseller, UUID provider, Instant asOf, AssociationKind kind, int page, int size) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where generation = ? and reseller_tenant_id = ?");
        args.add(view.activeGeneration());
        args.add(reseller);
        if (provider != null) {
            where.append(" and provider_tenant_id = ?");
            args.add(provider);
        }
        if (asOf == null) {
            where.append(" and until is null");
        } else {
            where.append(" and since <= ? and (until is null or until > ?)");
            args.add(Timestamp.from(asOf));
            args.add(Timestamp.from(asOf));
        }
        Map<AssociationKind, Long> counts = new EnumMap<>(AssociationKind.class);
        for (AssociationKind k : AssociationKind.values()) {
            counts.put(k, 0L);
        }
        jdbc.query("select kind, count(*) from reseller_association" + where + " group by kind",
                rs -> {
                    counts.put(AssociationKind.valueOf(rs.getString(1)), rs.getLong(2));
                }, args.toArray());
        if (kind != null) {
            where.append(" and kind = ?");
            args.add(kind.name());
        }
        return new Held(PageQuery.read(jdbc, "select * from reseller_association" + where, args,
                "since, opened_by_event", ROW, page, size), counts);
    }

    /** Who was reseller of record of a subscription, when; {@code provider} or {@code reseller} scope the answer. */
    public Page<Association> resellerOfRecordHistory(UUID subscription, UUID provider, UUID reseller, int page, int size) {
        List<Object> args = new ArrayList<>(List.of(view.activeGeneration(), AssociationKind.reseller_of_record.name(),
                subscription));
        StringBuilder where = new StringBuilder(" where generation = ? and kind = ? and subject_id = ?");
        if (provider != null) {
            where.append(" and provider_tenant_id = ?");
            args.add(provider);
        }
        if (reseller != null) {
            where.append(" and reseller_tenant_id = ?");
            args.add(reseller);
        }
        return PageQuery.read(jdbc, "select * from reseller_association" + where, args, "since, opened_by_event",
                ROW, page, size);
    }

    /** Every row of the active generation, in a stable order (for comparing a rebuilt view with a live one). */
    public List<Association> all() {
        return jdbc.query("select * from reseller_association where generation = ? order by opened_by_event", ROW,
                view.activeGeneration());
    }

    private static final RowMapper<Association> ROW = (rs, n) -> {
        AssociationKind kind = AssociationKind.valueOf(rs.getString("kind"));
        boolean subscription = kind == AssociationKind.reseller_of_record || kind == AssociationKind.support_contact;
        Timestamp until = rs.getTimestamp("until");
        return new Association(kind, rs.getObject("provider_tenant_id", UUID.class),
                rs.getObject("reseller_tenant_id", UUID.class), rs.getObject("customer_id", UUID.class),
                subscription ? rs.getObject("subject_id", UUID.class) : null, rs.getString("partner_id"),
                rs.getTimestamp("since").toInstant(), until == null ? null : until.toInstant());
    };
}
