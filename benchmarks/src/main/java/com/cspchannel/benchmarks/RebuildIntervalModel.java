package com.cspchannel.benchmarks;

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

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The outcome the associations view must reach, computed in memory by applying the generated events one by one,
 * in the order they were generated (the order per aggregate that the topics keep), with the view's documented
 * rules: a grant opens an interval, a revoke or a change closes the key's open intervals. Independent of how the
 * service writes its rows (one statement per event, or set-based per batch).
 *
 * <p>The checksum is the sum of a 60-bit hash per interval over
 * {@code opened_by_event|kind|reseller|subject|since ms|until ms or -}; {@link #SQL_CHECKSUM} computes the same from
 * the table, so that every interval, its bounds included, is compared.
 */
final class RebuildIntervalModel {

    /** The same sum over the rows of one generation (parameter: the generation). */
    static final String SQL_CHECKSUM = """
            select count(*), count(until), coalesce(sum(('x' || substr(md5(opened_by_event::text || '|' || kind
                    || '|' || reseller_tenant_id::text || '|' || subject_id::text
                    || '|' || (extract(epoch from since) * 1000)::bigint::text
                    || '|' || coalesce((extract(epoch from until) * 1000)::bigint::text, '-')), 1, 15))::bit(60)::bigint),
                0)::text
            from reseller_association where generation = ?""";

    private record Key(String kind, UUID subject, UUID reseller) {
    }

    private final Map<Key, List<String>> open = new HashMap<>();
    private final MessageDigest md5;
    private BigInteger sum = BigInteger.ZERO;
    private long rows;
    private long closed;

    RebuildIntervalModel() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void apply(PublicEvent event) {
        if (event instanceof PartnershipAccepted e) {
            open(e.eventId(), "partnership", e.providerTenantId(), e.resellerTenantId(), e.occurredAt());
        } else if (event instanceof PartnershipRemoved e) {
            close("partnership", e.providerTenantId(), e.resellerTenantId(), e.occurredAt());
        } else if (event instanceof DelegatedAdminGranted e) {
            open(e.eventId(), "customer_admin", e.customerId(), e.resellerTenantId(), e.occurredAt());
        } else if (event instanceof DelegatedAdminRevoked e) {
            close("customer_admin", e.customerId(), e.resellerTenantId(), e.occurredAt());
        } else if (event instanceof TenantOwnerGranted e) {
            open(e.eventId(), "tenant_owner", e.customerId(), e.resellerTenantId(), e.occurredAt());
        } else if (event instanceof TenantOwnerRevoked e) {
            close("tenant_owner", e.customerId(), e.resellerTenantId(), e.occurredAt());
        } else if (event instanceof SubscriptionCreated e) {
            if (e.resellerTenantId() != null) {
                open(e.eventId(), "reseller_of_record", e.subscriptionId(), e.resellerTenantId(), e.occurredAt());
            }
        } else if (event instanceof ResellerOfRecordChanged e) {
            if (e.fromResellerTenantId() != null) {
                close("reseller_of_record", e.subscriptionId(), e.fromResellerTenantId(), e.occurredAt());
            }
            if (e.toResellerTenantId() != null) {
                open(e.eventId(), "reseller_of_record", e.subscriptionId(), e.toResellerTenantId(), e.occurredAt());
            }
        } else if (event instanceof SupportContactDesignated e) {
            if (e.previousSupportTenantId() != null) {
                close("support_contact", e.subscriptionId(), e.previousSupportTenantId(), e.occurredAt());
            }
            open(e.eventId(), "support_contact", e.subscriptionId(), e.supportTenantId(), e.occurredAt());
        } else if (event instanceof SupportContactReset e) {
            close("support_contact", e.subscriptionId(), e.previousSupportTenantId(), e.occurredAt());
        }
    }

    private void open(UUID eventId, String kind, UUID subject, UUID reseller, Instant since) {
        rows++;
        open.computeIfAbsent(new Key(kind, subject, reseller), k -> new ArrayList<>(1))
                .add(eventId + "|" + kind + "|" + reseller + "|" + subject + "|" + since.toEpochMilli() + "|");
    }

    private void close(String kind, UUID subject, UUID reseller, Instant until) {
        List<String> intervals = open.remove(new Key(kind, subject, reseller));
        if (intervals != null) {
            for (String interval : intervals) {
                add(interval + until.toEpochMilli());
                closed++;
            }
        }
    }

    /** Finishes the model: the intervals still open count with until "-". */
    void finish() {
        for (List<String> intervals : open.values()) {
            for (String interval : intervals) {
                add(interval + "-");
            }
        }
        open.clear();
    }

    private void add(String interval) {
        byte[] digest = md5.digest(interval.getBytes(StandardCharsets.UTF_8));
        // the first 15 hex digits (60 bits) as a non-negative number, like ('x' || substr(md5, 1, 15))::bit(60)::bigint
        long value = Long.parseLong(HexFormat.of().formatHex(digest).substring(0, 15), 16);
        sum = sum.add(BigInteger.valueOf(value));
    }

    long rows() {
        return rows;
    }

    long closed() {
        return closed;
    }

    String checksum() {
        return sum.toString();
    }
}
