package com.cspchannel.partnership.integration;

import com.cspchannel.platform.web.Page;
import com.cspchannel.platform.web.PageQuery;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Subscriptions by reseller, read from the associations view: those whose reseller of record and/or support
 * contact is a given reseller, now or as of an instant ("which subscriptions had Fabrikam as reseller of record on
 * 2026-03-01?"). One row per subscription, with both roles as they were at that instant.
 */
public class SubscriptionReport {

    /**
     * What to report on. {@code provider} scopes the rows to one provider's subscriptions (null: every provider,
     * for a reseller asking about itself); at least one of the two resellers is given; both: subscriptions where
     * the first is reseller of record and the second support contact.
     */
    public record Filter(UUID provider, UUID resellerOfRecord, UUID supportContact, Instant asOf) {
    }

    /** One subscription and who held each role at the report's instant (null: nobody, or the provider). */
    @JsonPropertyOrder({"subscriptionId", "customerId", "providerTenantId", "resellerOfRecordTenantId", "partnerId",
            "resellerOfRecordSince", "supportTenantId", "supportMpnId", "supportContactSince"})
    public record ReportedSubscription(UUID subscriptionId, UUID customerId, UUID providerTenantId,
                                       UUID resellerOfRecordTenantId, String partnerId,
                                       Instant resellerOfRecordSince, UUID supportTenantId, String supportMpnId,
                                       Instant supportContactSince) {
    }

    /** Rows fetched from the database at a time while streaming: memory stays flat however many rows match. */
    private static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;
    private final AssociationView view;

    public SubscriptionReport(JdbcTemplate jdbc, TransactionTemplate transactions, AssociationView view) {
        this.jdbc = jdbc;
        this.view = view;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(FETCH_SIZE);
        // PostgreSQL's driver reads with a cursor, FETCH_SIZE rows at a time, only inside a transaction
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
    }

    /** One page, in subscription id order. */
    public Page<ReportedSubscription> page(Filter filter, int page, int size) {
        List<Object> args = new ArrayList<>();
        return PageQuery.read(jdbc, query(filter, args), args, "subscription_id", ROW, page, size);
    }

    /** Every matching row, in subscription id order, handed to {@code each} as it is read. */
    public void stream(Filter filter, Consumer<ReportedSubscription> each) {
        List<Object> args = new ArrayList<>();
        String query = query(filter, args) + " order by subscription_id";
        readOnly.executeWithoutResult(status -> streaming.query(query, rs -> {
            each.accept(ROW.mapRow(rs, 0));
        }, args.toArray()));
    }

    /*
     * The filtered role drives the query (its rows come from the reseller index); the other role, if not also
     * filtered, is looked up per subscription (reseller_association_subject). A subscription has at most one
     * reseller of record and one support contact at an instant.
     */
    private String query(Filter filter, List<Object> args) {
        if (filter.resellerOfRecord() == null && filter.supportContact() == null) {
            throw new IllegalArgumentException("a report names at least one reseller");
        }
        int generation = view.activeGeneration();
        String ror = role(generation, "reseller_of_record", filter.resellerOfRecord(), filter, args);
        String sc = role(generation, "support_contact", filter.supportContact(), filter, args);
        String from;
        String driving;
        if (filter.resellerOfRecord() != null && filter.supportContact() != null) {
            from = "ror join sc on sc.subject_id = ror.subject_id";
            driving = "ror";
        } else if (filter.resellerOfRecord() != null) {
            from = "ror left join sc on sc.subject_id = ror.subject_id";
            driving = "ror";
        } else {
            from = "sc left join ror on ror.subject_id = sc.subject_id";
            driving = "sc";
        }
        return "with ror as (" + ror + "), sc as (" + sc + ") select " + driving + ".subject_id as subscription_id, "
                + driving + ".customer_id, " + driving + ".provider_tenant_id, ror.reseller_tenant_id as ror_tenant, "
                + "ror.partner_id as ror_partner_id, ror.since as ror_since, sc.reseller_tenant_id as sc_tenant, "
                + "sc.partner_id as sc_partner_id, sc.since as sc_since from " + from;
    }

    private static String role(int generation, String kind, UUID reseller, Filter filter, List<Object> args) {
        StringBuilder sql = new StringBuilder("""
                select subject_id, customer_id, provider_tenant_id, reseller_tenant_id, partner_id, since
                from reseller_association where generation = ? and kind = ?""");
        args.add(generation);
        args.add(kind);
        if (reseller != null) {
            sql.append(" and reseller_tenant_id = ?");
            args.add(reseller);
        }
        if (filter.provider() != null) {
            sql.append(" and provider_tenant_id = ?");
            args.add(filter.provider());
        }
        if (filter.asOf() == null) {
            sql.append(" and until is null");
        } else {
            sql.append(" and since <= ? and (until is null or until > ?)");
            args.add(Timestamp.from(filter.asOf()));
            args.add(Timestamp.from(filter.asOf()));
        }
        return sql.toString();
    }

    private static final RowMapper<ReportedSubscription> ROW = (rs, n) -> new ReportedSubscription(
            rs.getObject("subscription_id", UUID.class), rs.getObject("customer_id", UUID.class),
            rs.getObject("provider_tenant_id", UUID.class), rs.getObject("ror_tenant", UUID.class),
            rs.getString("ror_partner_id"), instant(rs.getTimestamp("ror_since")), rs.getObject("sc_tenant", UUID.class),
            rs.getString("sc_partner_id"), instant(rs.getTimestamp("sc_since")));

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
