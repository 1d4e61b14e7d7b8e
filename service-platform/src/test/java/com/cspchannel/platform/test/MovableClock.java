package com.cspchannel.platform.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test moves: the system clock until {@link #stopAt} fixes it, then only where the test puts it. A
 * test that needs a rule's exact boundary (a window of days) defines it as the service's {@code Clock} bean.
 */
public final class MovableClock extends Clock {

    private volatile Instant fixed;

    public void stopAt(Instant instant) {
        fixed = instant;
    }

    public void advance(Duration duration) {
        fixed = instant().plus(duration);
    }

    public void release() {
        fixed = null;
    }

    @Override
    public Instant instant() {
        Instant now = fixed;
        return now == null ? Instant.now() : now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the services' clock is UTC");
    }
}
