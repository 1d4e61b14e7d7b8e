package com.cspchannel.partnership.integration;

import com.cspchannel.events.partnership.AffectedCustomer;
import com.cspchannel.events.partnership.AffectedSubscription;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What still names a reseller at one of the provider's customers and subscriptions, read from the associations
 * view (now, or as of an instant), and the reports of its ineligibility made to the provider.
 */
public class IneligibilityQueries {

    /** The customers the reseller administers and the subscriptions naming it, each list in id order. */
    public record Affected(List<AffectedCustomer> customers, List<AffectedSubscription> subscriptions) {
    }

    /** A report made (or still waiting for the view to catch up: {@code reportedAt} null). */
    public record Report(UUID reportId, String cause, String cspRegion, Instant asOf, Instant reportedAt) {
    }

    private final JdbcTemplate jdbc;
    private final AssociationView view;

    public IneligibilityQueries(JdbcTemplate jdbc, AssociationView view) {
        this.jdbc = jdbc;
        this.view = view;
    }

    /** What names the reseller at the provider's customers and subscriptions at {@code asOf} (now when null). */
    public Affected affected(UUID provider, UUID reseller, Instant asOf) {
        List<Object> args = new ArrayList<>(List.of(view.activeGeneration(), reseller, provider));
        String held = " where generation = ? and reseller_tenant_id = ? and provider_tenant_id = ?";
        if (asOf == null) {
            held += " and until is null";
        } else {
            held += " and since <= ? and (until is null or until > ?)";
            args.add(Timestamp.from(asOf));
            args.add(Timestamp.from(asOf));
        }
        List<AffectedCustomer> customers = jdbc.query("select distinct subject_id from reseller_association" + held
                        + " and kind = 'customer_admin' order by subject_id",
                (rs, n) -> new AffectedCustomer(rs.getObject(1, UUID.class)), args.toArray());
        List<AffectedSubscription> subscriptions = jdbc.query("""
                        select subject_id, (array_agg(customer_id))[1] as customer_id,
                            bool_or(kind = 'reseller_of_record') as reseller_of_record,
                            bool_or(kind = 'support_contact') as support_contact
                        from reseller_association""" + held
                        + " and kind in ('reseller_of_record', 'support_contact')"
                        + " group by subject_id order by subject_id",
                (rs, n) -> new AffectedSubscription(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getBoolean(3), rs.getBoolean(4)), args.toArray());
        return new Affected(customers, subscriptions);
    }

    /** The reports of the reseller's ineligibility for the provider, oldest first. */
    public List<Report> reports(UUID provider, UUID reseller) {
        return jdbc.query("""
                select report_id, cause, csp_region, occurred_at, reported_at from ineligibility_trigger
                where provider_tenant_id = ? and reseller_tenant_id = ? order by occurred_at, report_id""",
                (rs, n) -> new Report(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()), provider, reseller);
    }
}
