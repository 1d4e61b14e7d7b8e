package com.cspchannel.notification.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Delivery of notifications. The SMTP server itself is Spring Boot's {@code spring.mail.*}
 * ({@code SPRING_MAIL_HOST}, {@code SPRING_MAIL_PORT}, …); without {@code spring.mail.host} nothing is sent and
 * notifications are recorded as {@code not_sent}.
 *
 * @param from           the sender of every message (an RFC 5322 address, a display name allowed)
 * @param pollInterval   how often due notifications are looked for
 * @param batchSize      notifications sent per poll at most (a full batch is followed by another poll at once)
 * @param initialBackoff the wait after the first temporary failure, doubled per failure up to {@code maxBackoff}
 * @param maxBackoff     the longest wait between two attempts
 * @param maxAttempts    attempts before a notification that keeps failing temporarily is recorded as failed
 * @param addressTimeout how long a notification may wait for its recipient's address before it is recorded as
 *                       failed
 */
@ConfigurationProperties("csp.notification")
public record NotificationProperties(@DefaultValue("CSP Channel <no-reply@csp-channel.local>") String from,
                                     @DefaultValue("1s") Duration pollInterval,
                                     @DefaultValue("20") int batchSize,
                                     @DefaultValue("10s") Duration initialBackoff,
                                     @DefaultValue("30m") Duration maxBackoff,
                                     @DefaultValue("20") int maxAttempts,
                                     @DefaultValue("7d") Duration addressTimeout) {
}
