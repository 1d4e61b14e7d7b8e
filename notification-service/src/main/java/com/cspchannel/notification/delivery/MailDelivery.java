package com.cspchannel.notification.delivery;

import com.cspchannel.notification.catalogue.NotificationType;
import com.cspchannel.platform.tracing.EventTracing;
import io.micrometer.tracing.Span;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Delivers due notifications over SMTP (Spring's {@link JavaMailSender}, configured by {@code spring.mail.*}).
 * Each notification is sent in a transaction that holds its row lock ({@code for update skip locked}, so several
 * instances share the work and none sends a row another holds) and records the outcome in the same transaction:
 * {@code sent} with the time; a temporary failure (connection refused, SMTP 4xx) another attempt later with
 * exponential backoff; a permanent one (SMTP 5xx, invalid address) or the last allowed attempt {@code failed}
 * with the reason. With no SMTP server configured, due notifications become {@code not_sent} with
 * {@link #SMTP_NOT_CONFIGURED} as the reason, so a local run works without one.
 *
 * <p>Why a row lock rather than a lease: PostgreSQL releases the lock the moment the sender's connection dies, so
 * a killed instance's notification is taken over at the next poll, however slow the SMTP server is.
 *
 * <p>At most one mail per notification: before the message goes to the server, a send attempt is committed in
 * a transaction of its own. A sender that dies during the SMTP exchange leaves that row behind; whether the
 * server took the message is then unknown, and the next sender records the notification as {@code uncertain}
 * (with the time the attempt started) instead of mailing it a second time.
 *
 * <p>A mail is sent in a span ({@code notification mail}) that continues the trace its notification was recorded in,
 * so it shows in the trace of the request that caused it, however much later it goes out.
 */
@Component
public class MailDelivery {

    public static final String SMTP_NOT_CONFIGURED = "SMTP not configured: set SPRING_MAIL_HOST (and SPRING_MAIL_PORT, "
            + "SPRING_MAIL_USERNAME, SPRING_MAIL_PASSWORD as your server needs)";
    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);

    private final JdbcTemplate jdbc;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final NotificationProperties properties;
    private final RetryPolicy retries;
    private final NotificationMetrics metrics;
    private final Clock clock;
    private final TransactionTemplate locked;
    private final TransactionTemplate startedAttempts;
    private final EventTracing tracing;

    public MailDelivery(JdbcTemplate jdbc, ObjectProvider<JavaMailSender> mailSender, NotificationProperties properties,
                        NotificationMetrics metrics, Clock clock, PlatformTransactionManager transactions,
                        EventTracing tracing) {
        this.tracing = tracing;
        this.jdbc = jdbc;
        this.mailSender = mailSender;
        this.properties = properties;
        this.retries = RetryPolicy.of(properties);
        this.metrics = metrics;
        this.clock = clock;
        this.locked = new TransactionTemplate(transactions);
        this.startedAttempts = new TransactionTemplate(transactions);
        this.startedAttempts.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Says once, at start, where notifications go, or how to configure SMTP when they go nowhere. */
    @EventListener(ApplicationReadyEvent.class)
    public void announce() {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            log.warn("{}. Until then every notification is recorded in the delivery log (GET /api/v1/notifications) "
                    + "as not_sent with this reason.", SMTP_NOT_CONFIGURED);
        } else if (sender instanceof JavaMailSenderImpl smtp) {
            log.info("Notifications are delivered over SMTP via {}:{} from {}", smtp.getHost(),
                    smtp.getPort() < 0 ? "default port" : smtp.getPort(), properties.from());
        }
    }

    /** One poll: expires notifications that waited too long for an address, then delivers up to a batch of due ones. */
    public int deliverDue() {
        expireWaiting(clock.instant());
        int handled = 0;
        while (handled < properties.batchSize() && Boolean.TRUE.equals(locked.execute(tx -> deliverNext()))) {
            handled++;
        }
        return handled;
    }

    /** In a transaction that holds the next due notification's row lock until its outcome is recorded. */
    private boolean deliverNext() {
        List<Due> due = jdbc.query("""
                select n.id, n.type, n.recipient_email, n.language, n.subject, n.body, n.attempts, a.started_at,
                    n.traceparent
                from notification n left join notification_send_attempt a on a.notification_id = n.id
                where n.status = 'pending' and n.next_attempt_at <= ?
                order by n.next_attempt_at limit 1 for update of n skip locked""",
                (rs, n) -> new Due(rs.getObject("id", UUID.class), NotificationType.valueOf(rs.getString("type")),
                        rs.getString("recipient_email"), rs.getString("language"), rs.getString("subject"),
                        rs.getString("body"), rs.getInt("attempts"),
                        rs.getTimestamp("started_at") == null ? null : rs.getTimestamp("started_at").toInstant(),
                        rs.getString("traceparent")),
                Timestamp.from(clock.instant()));
        if (due.isEmpty()) {
            return false;
        }
        Due notification = due.get(0);
        JavaMailSender sender = mailSender.getIfAvailable();
        if (notification.interruptedAttempt() != null) {
            log.warn("Notification {} ({}): the sender stopped during the SMTP exchange that started at {}; "
                    + "not mailed again, so that its recipient never gets it twice", notification.id(),
                    notification.type(), notification.interruptedAttempt());
            record(notification, "uncertain", "the sender stopped during the SMTP exchange that started at "
                    + notification.interruptedAttempt() + ": the server may or may not have accepted the message",
                    null, true);
            metrics.uncertain(notification.type());
        } else if (sender == null) {
            record(notification, "not_sent", SMTP_NOT_CONFIGURED, null, false);
            metrics.notSent(notification.type());
        } else {
            deliver(sender, notification);
        }
        return true;
    }

    /** In a span that continues the trace the notification was recorded in (see {@link Notifications#create}). */
    private void deliver(JavaMailSender sender, Due notification) {
        Span span = tracing.start(notification.traceparent(), "notification mail", Span.Kind.CLIENT);
        if (span != null) {
            span.tag("notification.id", notification.id().toString())
                    .tag("notification.type", notification.type().name())
                    .tag("notification.attempt", notification.attempts() + 1L);
        }
        tracing.inScope(span, () -> send(sender, notification, span));
    }

    private void send(JavaMailSender sender, Due notification, Span span) {
        int attempt = notification.attempts() + 1;
        MimeMessage message;
        try {
            message = message(sender, notification);
        } catch (MessagingException e) {
            failed(notification, attempt, SmtpFailures.classify(e));
            return;
        }
        // committed now, on another connection: what a successor sees if this instance dies before the outcome
        startedAttempts.executeWithoutResult(tx -> jdbc.update(
                "insert into notification_send_attempt (notification_id, started_at) values (?, ?)",
                notification.id(), Timestamp.from(clock.instant())));
        try {
            sender.send(message);
        } catch (MailException e) {
            if (span != null) {
                span.error(e);
            }
            failed(notification, attempt, SmtpFailures.classify(e));
            return;
        }
        jdbc.update("delete from notification_send_attempt where notification_id = ?", notification.id());
        jdbc.update("""
                update notification set status = 'sent', sent_at = ?, attempts = attempts + 1, status_reason = null,
                    next_attempt_at = null, updated_at = ? where id = ?""",
                Timestamp.from(clock.instant()), Timestamp.from(clock.instant()), notification.id());
        metrics.sent(notification.type());
    }

    private void failed(Due notification, int attempt, SmtpFailures.Failure failure) {
        if (failure.permanent()) {
            log.warn("Notification {} ({}) failed permanently: {}", notification.id(), notification.type(),
                    failure.reason());
            record(notification, "failed", "permanent failure: " + failure.reason(), null, true);
            metrics.failed(notification.type(), NotificationMetrics.FailureReason.permanent);
        } else if (retries.exhausted(attempt)) {
            log.warn("Notification {} ({}) failed after {} attempts: {}", notification.id(), notification.type(),
                    attempt, failure.reason());
            record(notification, "failed", "gave up after " + attempt + " attempts: " + failure.reason(), null,
                    true);
            metrics.failed(notification.type(), NotificationMetrics.FailureReason.retries_exhausted);
        } else {
            Instant next = clock.instant().plus(retries.backoffAfter(attempt));
            log.info("Notification {} ({}): attempt {} failed, next at {}: {}", notification.id(),
                    notification.type(), attempt, next, failure.reason());
            record(notification, "pending", "attempt " + attempt + " failed, next attempt at " + next + ": "
                    + failure.reason(), next, true);
            metrics.retried(notification.type());
        }
    }

    private MimeMessage message(JavaMailSender sender, Due notification) throws MessagingException {
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
        helper.setFrom(new InternetAddress(properties.from(), true));
        // strict parsing: an address that cannot be one is a permanent failure, not a server's guess
        helper.setTo(new InternetAddress(notification.email(), true));
        helper.setSubject(notification.subject());
        helper.setText(notification.body(), false);
        message.setHeader("Auto-Submitted", "auto-generated"); // RFC 3834: no auto-replies, please
        message.setHeader("Content-Language", notification.language());
        message.setHeader("X-CSP-Notification-Id", notification.id().toString());
        message.setHeader("X-CSP-Notification-Type", notification.type().name());
        return message;
    }

    /** Records an outcome other than sent; a refused attempt was no delivery, so its marker goes. */
    private void record(Due notification, String status, String reason, Instant next, boolean attempted) {
        jdbc.update("delete from notification_send_attempt where notification_id = ?", notification.id());
        jdbc.update("""
                update notification set status = ?, status_reason = ?, next_attempt_at = ?,
                    attempts = attempts + ?, updated_at = ? where id = ?""",
                status, reason, next == null ? null : Timestamp.from(next), attempted ? 1 : 0,
                Timestamp.from(clock.instant()), notification.id());
    }

    private void expireWaiting(Instant now) {
        jdbc.query("""
                update notification set status = 'failed', updated_at = ?,
                    status_reason = 'no contact address of the recipient arrived within ' || ?
                where status = 'pending_address' and created_at < ?
                returning type""",
                (rs, n) -> NotificationType.valueOf(rs.getString(1)),
                Timestamp.from(now), properties.addressTimeout().toString(),
                Timestamp.from(now.minus(properties.addressTimeout())))
                .forEach(type -> metrics.failed(type, NotificationMetrics.FailureReason.address_unknown));
    }

    private record Due(UUID id, NotificationType type, String email, String language, String subject, String body,
                       int attempts, Instant interruptedAttempt, String traceparent) {
    }
}
