package com.cspchannel.notification.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(30), 20);

    @Test
    void theWaitDoublesPerFailureUpToTheCap() {
        assertThat(policy.backoffAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.backoffAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.backoffAfter(8)).isEqualTo(Duration.ofSeconds(1280));
        assertThat(policy.backoffAfter(9)).isEqualTo(Duration.ofMinutes(30));
        assertThat(policy.backoffAfter(1000)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void theDefaultsRideOutAnOutageOfSixHoursThenGiveUp() {
        Duration total = Duration.ZERO;
        for (int attempt = 1; !policy.exhausted(attempt); attempt++) {
            total = total.plus(policy.backoffAfter(attempt));
        }
        assertThat(total).isBetween(Duration.ofHours(6), Duration.ofHours(7));
        assertThat(policy.exhausted(19)).isFalse();
        assertThat(policy.exhausted(20)).isTrue();
    }

    @Test
    void aPolicyThatCouldNeverWaitIsRefused() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
