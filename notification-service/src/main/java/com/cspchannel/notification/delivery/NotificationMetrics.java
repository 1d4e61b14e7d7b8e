package com.cspchannel.notification.delivery;

import com.cspchannel.notification.catalogue.NotificationType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counters by notification type (a fixed set, so bounded label cardinality):
 * <ul>
 *   <li>{@code csp.notifications.recorded}: created in the delivery log. Not named {@code .created}: Prometheus
 *       reserves the {@code _created} suffix, and its client would publish that as {@code csp_notifications_total};</li>
 *   <li>{@code csp.notifications.sent}: accepted by the SMTP server;</li>
 *   <li>{@code csp.notifications.failed}, with {@code reason} permanent, retries_exhausted or address_unknown;</li>
 *   <li>{@code csp.notifications.not.sent}: no SMTP server configured;</li>
 *   <li>{@code csp.notifications.retries}: temporary failures with another attempt due;</li>
 *   <li>{@code csp.notifications.uncertain}: a sender stopped during the SMTP exchange, so whether the message
 *       arrived is unknown (not mailed again).</li>
 * </ul>
 * All are registered at start, so a dashboard shows zeros rather than nothing.
 */
@Component
public class NotificationMetrics {

    public enum FailureReason { permanent, retries_exhausted, address_unknown }

    static final String RECORDED = "csp.notifications.recorded";
    private final MeterRegistry registry;

    public NotificationMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (NotificationType type : NotificationType.values()) {
            counter(RECORDED, type, "Notifications recorded in the delivery log");
            counter("csp.notifications.sent", type, "Notifications accepted by the SMTP server");
            counter("csp.notifications.not.sent", type, "Notifications not sent because no SMTP server is configured");
            counter("csp.notifications.retries", type, "Temporary delivery failures with another attempt due");
            counter("csp.notifications.uncertain", type,
                    "Notifications whose sender stopped during the SMTP exchange, not mailed again");
            for (FailureReason reason : FailureReason.values()) {
                failedCounter(type, reason);
            }
        }
    }

    /** Counts a new notification once its transaction committed (a rolled-back consumer recorded nothing). */
    public void recordedAfterCommit(NotificationType type) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    counter(RECORDED, type, null).increment();
                }
            });
        } else {
            counter(RECORDED, type, null).increment();
        }
    }

    public void sent(NotificationType type) {
        counter("csp.notifications.sent", type, null).increment();
    }

    public void notSent(NotificationType type) {
        counter("csp.notifications.not.sent", type, null).increment();
    }

    public void retried(NotificationType type) {
        counter("csp.notifications.retries", type, null).increment();
    }

    public void uncertain(NotificationType type) {
        counter("csp.notifications.uncertain", type, null).increment();
    }

    public void failed(NotificationType type, FailureReason reason) {
        failedCounter(type, reason).increment();
    }

    private Counter failedCounter(NotificationType type, FailureReason reason) {
        return Counter.builder("csp.notifications.failed")
                .description("Notifications recorded as failed, never to be sent")
                .tag("type", type.name())
                .tag("reason", reason.name())
                .register(registry);
    }

    private Counter counter(String name, NotificationType type, String description) {
        return Counter.builder(name).description(description).tag("type", type.name()).register(registry);
    }
}
