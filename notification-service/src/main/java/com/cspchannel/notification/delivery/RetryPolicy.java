package com.cspchannel.notification.delivery;

import java.time.Duration;

/**
 * When to try again after a temporary failure: exponential backoff (initial, doubled per failure, capped), and
 * a bounded number of attempts, after which the notification is recorded as failed.
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, int maxAttempts) {

    public RetryPolicy {
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0
                || maxAttempts < 1) {
            throw new IllegalArgumentException("need 0 < initialBackoff <= maxBackoff and maxAttempts >= 1");
        }
    }

    public static RetryPolicy of(NotificationProperties properties) {
        return new RetryPolicy(properties.initialBackoff(), properties.maxBackoff(), properties.maxAttempts());
    }

    /** The wait after {@code failedAttempts} failed attempts (1 for the first failure). */
    public Duration backoffAfter(int failedAttempts) {
        Duration wait = initialBackoff;
        for (int i = 1; i < failedAttempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    /** Whether no attempt is left after {@code attempts} attempts. */
    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}
