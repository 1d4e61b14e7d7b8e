package com.cspchannel.partnership.integration;

import com.cspchannel.events.PublicEvent;
import com.cspchannel.events.customer.DelegatedAdminGranted;
import com.cspchannel.events.customer.DelegatedAdminRevoked;
import com.cspchannel.events.customer.TenantOwnerGranted;
import com.cspchannel.events.customer.TenantOwnerRevoked;
import com.cspchannel.events.partnership.PartnershipAccepted;
import com.cspchannel.events.partnership.PartnershipRemoved;
import com.cspchannel.events.subscription.ResellerOfRecordChanged;
import com.cspchannel.events.subscription.SubscriptionCreated;
import com.cspchannel.events.subscription.SupportContactDesignated;
import com.cspchannel.events.subscription.SupportContactReset;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns events into association intervals of one generation of the view: a grant opens an interval, a revoke
 * or a change closes the open one. The caller de-duplicates and passes the events in order per aggregate.
 *
 * <p>A batch of events is written with at most two statements, with the same outcome as applying the events one
 * by one. Opening and closing only interact for the same (kind, subject, reseller), so the batch is first resolved
 * in memory: a close ends the intervals this batch opened for its key and not yet closed, and the first close of
 * a key also ends the key's intervals stored before the batch. Those stored intervals are closed first, with one
 * set-based update; then the intervals opened by the batch are inserted, already closed where the batch closed
 * them, with one insert. Because the update runs before the insert, it cannot touch an interval opened later in
 * the batch than the close.
 */
public class AssociationWriter {

    /*
     * One index probe per key, whatever the statistics say: the lateral subquery (not flattened, because of
     * OFFSET 0) looks up each key's open intervals, and the update reaches them by ctid. A plain join of the
     * keys with the table would let the planner hash-join them with every open row of the generation, which it
     * does when the statistics predate the generation (always at the start of a rebuild): that costs a scan of
     * the generation per batch.
     */
    private static final String CLOSE_STORED = """
            update reseller_association a set until = k.until
            from (select o.row_id, c.until
                  from unnest(?::varchar[], ?::uuid[], ?::uuid[], ?::timestamptz[])
                      as c(kind, subject_id, reseller_tenant_id, until)
                  cross join lateral (
                      select x.ctid as row_id from reseller_association x
                      where x.generation = ? and x.kind = c.kind and x.subject_id = c.subject_id
                          and x.reseller_tenant_id = c.reseller_tenant_id and x.until is null
                      offset 0) o) k
            where a.ctid = k.row_id and a.until is null""";
    private static final String INSERT_OPENED = """
            insert into reseller_association (generation, opened_by_event, kind, provider_tenant_id,
                reseller_tenant_id, subject_id, customer_id, partner_id, since, until)
            select ?, r.opened_by_event, r.kind, r.provider_tenant_id, r.reseller_tenant_id, r.subject_id,
                r.customer_id, r.partner_id, r.since, r.until
            from unnest(?::uuid[], ?::varchar[], ?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::varchar[],
                    ?::timestamptz[], ?::timestamptz[])
                as r(opened_by_event, kind, provider_tenant_id, reseller_tenant_id, subject_id, customer_id,
                    partner_id, since, until)
            on conflict do nothing""";

    private final JdbcTemplate jdbc;

    public AssociationWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void apply(int generation, PublicEvent event) {
        applyAll(generation, List.of(event));
    }

    /** Applies events in their order (per aggregate) to one generation, in the caller's transaction. */
    public void applyAll(int generation, List<? extends PublicEvent> events) {
        Changes changes = new Changes();
        for (PublicEvent event : events) {
            dispatch(event, changes);
        }
        changes.write(generation);
    }

    private static void dispatch(PublicEvent event, Changes changes) {
        if (event instanceof PartnershipAccepted e) {
            changes.open(e.eventId(), AssociationKind.partnership, e.providerTenantId(), e.resellerTenantId(),
                    e.providerTenantId(), null, null, e.occurredAt());
        } else if (event instanceof PartnershipRemoved e) {
            changes.close(AssociationKind.partnership, e.providerTenantId(), e.resellerTenantId(), e.occurredAt());
        } else if (event instanceof DelegatedAdminGranted e) {
            changes.open(e.eventId(), AssociationKind.customer_admin, e.providerTenantId(), e.resellerTenantId(),
                    e.customerId(), e.customerId(), null, e.occurredAt());
        } else if (event instanceof DelegatedAdminRevoked e) {
            changes.close(AssociationKind.customer_admin, e.customerId(), e.resellerTenantId(), e.occurredAt());
        } else if (event instanceof TenantOwnerGranted e) {
            changes.open(e.eventId(), AssociationKind.tenant_owner, e.providerTenantId(), e.resellerTenantId(),
                    e.customerId(), e.customerId(), null, e.occurredAt());
        } else if (event instanceof TenantOwnerRevoked e) {
            changes.close(AssociationKind.tenant_owner, e.customerId(), e.resellerTenantId(), e.occurredAt());
        } else if (event instanceof SubscriptionCreated e) {
            if (e.resellerTenantId() != null) {
                changes.open(e.eventId(), AssociationKind.reseller_of_record, e.providerTenantId(),
                        e.resellerTenantId(), e.subscriptionId(), e.customerId(), e.partnerId(), e.occurredAt());
            }
        } else if (event instanceof ResellerOfRecordChanged e) {
            if (e.fromResellerTenantId() != null) {
                changes.close(AssociationKind.reseller_of_record, e.subscriptionId(), e.fromResellerTenantId(),
                        e.occurredAt());
            }
            if (e.toResellerTenantId() != null) {
                changes.open(e.eventId(), AssociationKind.reseller_of_record, e.providerTenantId(),
                        e.toResellerTenantId(), e.subscriptionId(), e.customerId(), e.toPartnerId(), e.occurredAt());
            }
        } else if (event instanceof SupportContactDesignated e) {
            if (e.previousSupportTenantId() != null) {
                changes.close(AssociationKind.support_contact, e.subscriptionId(), e.previousSupportTenantId(),
                        e.occurredAt());
            }
            changes.open(e.eventId(), AssociationKind.support_contact, e.providerTenantId(), e.supportTenantId(),
                    e.subscriptionId(), e.customerId(), e.supportMpnId(), e.occurredAt());
        } else if (event instanceof SupportContactReset e) {
            changes.close(AssociationKind.support_contact, e.subscriptionId(), e.previousSupportTenantId(),
                    e.occurredAt());
        }
    }

    /** What closes an interval: the intervals of one kind, subject and reseller that are still open. */
    private record Key(AssociationKind kind, UUID subject, UUID reseller) {
    }

    private static final class Interval {
        final UUID openedBy;
        final Key key;
        final UUID provider;
        final UUID customer;
        final String partnerId;
        final Instant since;
        Instant until;

        Interval(UUID openedBy, Key key, UUID provider, UUID customer, String partnerId, Instant since) {
            this.openedBy = openedBy;
            this.key = key;
            this.provider = provider;
            this.customer = customer;
            this.partnerId = partnerId;
            this.since = since;
        }
    }

    /** The net effect of a batch of events. */
    private final class Changes {
        private final List<Interval> opened = new ArrayList<>();
        /** Intervals opened by this batch and not closed by it yet, per key. */
        private final Map<Key, List<Interval>> stillOpen = new HashMap<>();
        /** The first close of each key in this batch: it ends the key's intervals stored before the batch. */
        private final Map<Key, Instant> closeStored = new LinkedHashMap<>();

        void open(UUID eventId, AssociationKind kind, UUID provider, UUID reseller, UUID subject, UUID customer,
                  String partnerId, Instant since) {
            Interval interval = new Interval(eventId, new Key(kind, subject, reseller), provider, customer, partnerId,
                    since);
            opened.add(interval);
            stillOpen.computeIfAbsent(interval.key, k -> new ArrayList<>(1)).add(interval);
        }

        void close(AssociationKind kind, UUID subject, UUID reseller, Instant until) {
            Key key = new Key(kind, subject, reseller);
            List<Interval> open = stillOpen.remove(key);
            if (open != null) {
                for (Interval interval : open) {
                    interval.until = until;
                }
            }
            closeStored.putIfAbsent(key, until);
        }

        void write(int generation) {
            if (!closeStored.isEmpty()) {
                int n = closeStored.size();
                String[] kinds = new String[n];
                String[] subjects = new String[n];
                String[] resellers = new String[n];
                String[] untils = new String[n];
                int i = 0;
                for (Map.Entry<Key, Instant> close : closeStored.entrySet()) {
                    kinds[i] = close.getKey().kind().name();
                    subjects[i] = close.getKey().subject().toString();
                    resellers[i] = close.getKey().reseller().toString();
                    untils[i] = close.getValue().toString();
                    i++;
                }
                jdbc.update(connection -> {
                    PreparedStatement statement = connection.prepareStatement(CLOSE_STORED);
                    statement.setArray(1, texts(connection, kinds));
                    statement.setArray(2, texts(connection, subjects));
                    statement.setArray(3, texts(connection, resellers));
                    statement.setArray(4, texts(connection, untils));
                    statement.setInt(5, generation);
                    return statement;
                });
            }
            if (!opened.isEmpty()) {
                int n = opened.size();
                String[][] columns = new String[9][n];
                for (int i = 0; i < n; i++) {
                    Interval interval = opened.get(i);
                    columns[0][i] = interval.openedBy.toString();
                    columns[1][i] = interval.key.kind().name();
                    columns[2][i] = interval.provider.toString();
                    columns[3][i] = interval.key.reseller().toString();
                    columns[4][i] = interval.key.subject().toString();
                    columns[5][i] = interval.customer == null ? null : interval.customer.toString();
                    columns[6][i] = interval.partnerId;
                    columns[7][i] = interval.since.toString();
                    columns[8][i] = interval.until == null ? null : interval.until.toString();
                }
                jdbc.update(connection -> {
                    PreparedStatement statement = connection.prepareStatement(INSERT_OPENED);
                    statement.setInt(1, generation);
                    for (int c = 0; c < columns.length; c++) {
                        statement.setArray(c + 2, texts(connection, columns[c]));
                    }
                    return statement;
                });
            }
        }
    }

    private static java.sql.Array texts(Connection connection, String[] values) throws SQLException {
        return connection.createArrayOf("text", values);
    }
}
