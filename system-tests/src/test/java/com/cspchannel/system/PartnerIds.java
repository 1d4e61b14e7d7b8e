package com.cspchannel.system;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * PartnerIDs for the providers and resellers the system tests register: seven digits after a leading 5 (PLA) or 6 (PGA), never the
 * same twice in one test JVM, since the stack refuses a PartnerID another reseller holds (409 partner-id-taken).
 * They start at a random place so that two runs against one stack do not collide either.
 */
final class PartnerIds {

    private static final AtomicLong NEXT = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000, 8_000_000));

    private static final AtomicLong NEXT_PROVIDER = new AtomicLong(ThreadLocalRandom.current()
            .nextLong(100_000, 800_000));

    private PartnerIds() {
    }

    /** A provider's PartnerID: six digits after a leading 4. */
    static String provider() {
        return "4" + NEXT_PROVIDER.incrementAndGet();
    }

    /** A reseller's PLA PartnerID. */
    static String pla() {
        return "5" + NEXT.incrementAndGet();
    }

    /** A reseller's PGA PartnerID. */
    static String pga() {
        return "6" + NEXT.incrementAndGet();
    }
}
