package com.cspchannel.partnership.query;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads of the reassignment jobs: one job of a provider, with every item's outcome. */
@Component
public class ReassignmentQueries {

    /** A job as the view holds it; {@code completedAt} is null while an item is pending. */
    public record JobEntry(UUID jobId, UUID providerTenantId, UUID sourceResellerTenantId,
                           UUID targetResellerTenantId, String targetPartnerId, String startedBy, Instant startedAt,
                           Instant completedAt, List<ItemEntry> items) {
    }

    /** One item: {@code outcome} is pending, moved, unchanged or refused (with {@code code}). */
    public record ItemEntry(String kind, UUID customerId, UUID subscriptionId, String outcome, String code) {
    }

    private final JdbcTemplate jdbc;

    public ReassignmentQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The provider's job; another provider's job is as if it did not exist. */
    public Optional<JobEntry> job(UUID providerTenantId, UUID jobId) {
        List<ItemEntry> items = jdbc.query("""
                select kind, customer_id, subscription_id, outcome, code from reassignment_item
                where job_id = ? order by position""", (rs, n) -> new ItemEntry(rs.getString("kind"),
                rs.getObject("customer_id", UUID.class), rs.getObject("subscription_id", UUID.class),
                rs.getString("outcome"), rs.getString("code")), jobId);
        return jdbc.query("select * from reassignment_job where job_id = ? and provider_tenant_id = ?",
                (rs, n) -> new JobEntry(jobId, rs.getObject("provider_tenant_id", UUID.class),
                        rs.getObject("source_reseller_tenant_id", UUID.class),
                        rs.getObject("target_reseller_tenant_id", UUID.class), rs.getString("target_partner_id"),
                        rs.getString("started_by"), rs.getTimestamp("started_at").toInstant(),
                        instant(rs.getTimestamp("completed_at")), items), jobId, providerTenantId)
                .stream().findFirst();
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
