package com.cspchannel.notification.delivery;

import com.cspchannel.notification.catalogue.NotificationType;
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

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Delivers due notifications over SMTP (Spring's {@link JavaMailSender}, configured by {@code spring.mail.*}).
 * Each poll claims a batch of due rows for a lease ({@code for update skip locked}, so several instances share
 * the work and none sends a row another holds), sends each as its own message and records the outcome:
 * {@code sent} with the time; a temporary failure (connection refused, SMTP 4xx) another attempt later with
 * exponential backoff; a permanent one (SMTP 5xx, invalid address) or the last allowed attempt {@code failed}
 * with the reason. With no SMTP server configured, due notifications become {@code not_sent} with
 * {@link #SMTP_NOT_CONFIGURED} as the reason, so a local run works without one.
 *
 * <p>Limit: a crash between the server's acceptance and the status update sends that one message again after
 * the lease (at least once, like every delivery over SMTP).
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

    public MailDelivery(JdbcTemplate jdbc, ObjectProvider<JavaMailSender> mailSender, NotificationProperties properties,
                        NotificationMetrics metrics, Clock clock) {
        this.jdbc = jdbc;
        this.mailSender = mailSender;
        this.properties = properties;
        this.retries = RetryPolicy.of(properties);
        this.metrics = metrics;
        this.clock = clock;
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

    /** One poll: expires notifications that waited too long for an address, then delivers a batch of due ones. */
    public int deliverDue() {
        Instant now = clock.instant();
        expireWaiting(now);
        List<Due> due = jdbc.query("""
                update notification set next_attempt_at = ?, updated_at = ?
                where id in (select id from notification where status = 'pending' and next_attempt_at <= ?
                             order by next_attempt_at limit ? for update skip locked)
                returning id, type, recipient_email, language, subject, body, attempts""",
                (rs, n) -> new Due(rs.getObject("id", UUID.class), NotificationType.valueOf(rs.getString("type")),
                        rs.getString("recipient_email"), rs.getString("language"), rs.getString("subject"),
                        rs.getString("body"), rs.getInt("attempts")),
                Timestamp.from(now.plus(properties.lease())), Timestamp.from(now), Timestamp.from(now),
                properties.batchSize());
        JavaMailSender sender = mailSender.getIfAvailable();
        for (Due notification : due) {
            if (sender == null) {
                record(notification, "not_sent", SMTP_NOT_CONFIGURED, null, false);
                metrics.notSent(notification.type());
            } else {
                deliver(sender, notification);
            }
        }
        return due.size();
    }

    private void deliver(JavaMailSender sender, Due notification) {
        int attempt = notification.attempts() + 1;
        try {
            sender.send(message(sender, notification));
        } catch (MailException | MessagingException e) {
            SmtpFailures.Failure failure = SmtpFailures.classify(e);
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
            return;
        }
        jdbc.update("""
                update notification set status = 'sent', sent_at = ?, attempts = attempts + 1, status_reason = null,
                    next_attempt_at = null, updated_at = ? where id = ?""",
                Timestamp.from(clock.instant()), Timestamp.from(clock.instant()), notification.id());
        metrics.sent(notification.type());
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

    private void record(Due notification, String status, String reason, Instant next, boolean attempted) {
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
                       int attempts) {
    }
}
