package com.cspchannel.partnership.query;

import com.cspchannel.events.partnership.ReassignmentCompleted;
import com.cspchannel.events.partnership.ReassignmentItem;
import com.cspchannel.events.partnership.ReassignmentOutcome;
import com.cspchannel.events.partnership.ReassignmentStarted;
import com.cspchannel.partnership.command.ReassignmentOutcomesRecorded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.List;

/**
 * Keeps the reassignment jobs and their items' outcomes, in the transaction of the command whose events it applies
 * (the directory's subscribing processor), so the answer to a start already shows the job.
 */
@Component
@ProcessingGroup(DirectoryProjection.PROCESSING_GROUP)
public class ReassignmentProjection {

    private final JdbcTemplate jdbc;

    public ReassignmentProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ReassignmentStarted e) {
        jdbc.update("""
                insert into reassignment_job (job_id, provider_tenant_id, source_reseller_tenant_id,
                    target_reseller_tenant_id, target_partner_id, started_by, started_at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (job_id) do nothing""",
                e.jobId(), e.providerTenantId(), e.sourceResellerTenantId(), e.targetResellerTenantId(),
                e.targetPartnerId(), e.startedBy(), Timestamp.from(e.occurredAt()));
        List<ReassignmentItem> items = e.items();
        int[] position = {0};
        jdbc.batchUpdate("""
                insert into reassignment_item (job_id, position, kind, customer_id, subscription_id, outcome, code)
                values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""", items, 500, (ps, item) -> {
            ps.setObject(1, e.jobId());
            ps.setInt(2, position[0]++);
            ps.setString(3, item.kind());
            ps.setObject(4, item.customerId());
            ps.setObject(5, item.subscriptionId());
            ps.setString(6, item.refusalCode() == null ? "pending" : ReassignmentOutcome.REFUSED);
            ps.setString(7, item.refusalCode());
        });
    }

    @EventHandler
    void on(ReassignmentOutcomesRecorded e) {
        jdbc.batchUpdate("""
                update reassignment_item set outcome = ?, code = ?
                where job_id = ? and kind = ? and coalesce(subscription_id, customer_id) = ?
                    and outcome = 'pending'""", e.outcomes(), 500,
                (ps, outcome) -> {
                    ps.setString(1, outcome.outcome());
                    ps.setString(2, outcome.code());
                    ps.setObject(3, e.jobId());
                    ps.setString(4, outcome.kind());
                    ps.setObject(5, outcome.subscriptionId() == null ? outcome.customerId()
                            : outcome.subscriptionId());
                });
    }

    @EventHandler
    void on(ReassignmentCompleted e) {
        jdbc.update("update reassignment_job set completed_at = ? where job_id = ?", Timestamp.from(e.occurredAt()),
                e.jobId());
    }
}
