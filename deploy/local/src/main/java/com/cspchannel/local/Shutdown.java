package com.cspchannel.local;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Ctrl-C may come at any moment of the start. The parts register what they start through {@link #unlessRequested},
 * and the stop begins with {@link #request}: both hold this object's lock, so that whatever was started is
 * registered before the stop looks, and nothing is started after it looked.
 */
final class Shutdown {

    private boolean requested;

    synchronized boolean requested() {
        return requested;
    }

    /** Marks the stack as stopping; false when it was already (the stop runs once). */
    synchronized boolean request() {
        if (requested) {
            return false;
        }
        requested = true;
        return true;
    }

    /** Runs {@code start} (which registers what it started) unless the stack is stopping. */
    synchronized <T> T unlessRequested(Supplier<T> start) {
        if (requested) {
            throw new StartupFailure("interrupted");
        }
        return start.get();
    }

    void throwIfRequested() {
        unlessRequested(() -> null);
    }

    /** Sleeps; an interrupt ends the sleep early and is kept for the caller to see. */
    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
