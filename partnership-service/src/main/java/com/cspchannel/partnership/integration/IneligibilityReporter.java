package com.cspchannel.partnership.integration;

import com.cspchannel.partnership.command.ReportResellerIneligibility;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reports each pending ineligibility trigger ({@link IneligibilityTriggers}) once the associations view can
 * answer for the trigger's instant: the customers and subscriptions topics are read asynchronously, so a
 * delegated-admin grant or a reseller-of-record change made just before a removal may not be in the view yet.
 * A trigger is due when the view's consumer group had nothing left to read at a reading taken at least
 * {@code settle} after the trigger was recorded (the lag is read about once a second), or, if the view keeps
 * lagging, after {@code maxWait}: a late report is worse than one that misses what another service has not
 * published yet.
 * <p>
 * Every replica runs this; a trigger is claimed with {@code for update skip locked} and, in the same transaction,
 * reported (the event appended to the store, whence the relay publishes it) and marked, so exactly one replica
 * reports it. The report's id is derived from the trigger, so even a report appended twice would be refused.
 */
public class IneligibilityReporter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IneligibilityReporter.class);
    /** Triggers reported per run at most, so that a backlog does not hold the scheduler's thread for long. */
    private static final int PER_RUN = 100;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final AssociationView view;
    private final IneligibilityQueries queries;
    private final CommandGateway commands;
    private final Duration settle;
    private final Duration maxWait;
    private ScheduledExecutorService scheduler;
    private volatile boolean running;

    public IneligibilityReporter(JdbcTemplate jdbc, TransactionTemplate transactions, AssociationView view,
                                 IneligibilityQueries queries, CommandGateway commands, Duration settle,
                                 Duration maxWait) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.view = view;
        this.queries = queries;
        this.commands = commands;
        this.settle = settle;
        this.maxWait = maxWait;
    }

    private record Pending(UUID reportId, UUID provider, UUID reseller, String cause, String region,
                           Instant occurredAt) {
    }

    /** Reports what is due; a failure leaves the trigger pending for the next run. */
    void reportDue() {
        try {
            for (int i = 0; i < PER_RUN && reportOne(); i++) {
                // one transaction per report: a failing one does not hold back those reported before it
            }
        } catch (RuntimeException e) {
            log.warn("Reseller ineligibility: reporting a pending trigger failed, retrying shortly: {}", e.toString());
        }
    }

    private boolean reportOne() {
        boolean caughtUp = view.lag() == 0;
        return Boolean.TRUE.equals(transactions.execute(status -> {
            List<Pending> due = jdbc.query("""
                    select report_id, provider_tenant_id, reseller_tenant_id, cause, csp_region, occurred_at
                    from ineligibility_trigger
                    where reported_at is null
                      and ((? and recorded_at <= now() - make_interval(secs => ?))
                           or recorded_at <= now() - make_interval(secs => ?))
                    order by recorded_at limit 1 for update skip locked""",
                    (rs, n) -> new Pending(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5),
                            rs.getTimestamp(6).toInstant()),
                    caughtUp, settle.toMillis() / 1000.0, maxWait.toMillis() / 1000.0);
            if (due.isEmpty()) {
                return false;
            }
            Pending trigger = due.get(0);
            IneligibilityQueries.Affected affected = queries.affected(trigger.provider(), trigger.reseller(),
                    trigger.occurredAt());
            commands.sendAndWait(new ReportResellerIneligibility(trigger.reportId().toString(), trigger.provider(),
                    trigger.reseller(), trigger.cause(), trigger.region(), trigger.occurredAt(),
                    affected.customers(), affected.subscriptions()));
            jdbc.update("update ineligibility_trigger set reported_at = now() where report_id = ?",
                    trigger.reportId());
            log.info("Reseller ineligibility reported to provider {}: reseller {} ({}), {} customer(s), {} "
                    + "subscription(s)", trigger.provider(), trigger.reseller(), trigger.cause(),
                    affected.customers().size(), affected.subscriptions().size());
            return true;
        }));
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "reseller-ineligibility");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::reportDue, 1, 1, TimeUnit.SECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
