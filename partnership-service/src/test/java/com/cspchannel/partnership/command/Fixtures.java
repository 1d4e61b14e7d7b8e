package com.cspchannel.partnership.command;

import com.cspchannel.platform.test.AggregateFixtures;
import org.axonframework.test.aggregate.AggregateTestFixture;

import java.time.Instant;
import java.util.UUID;

/** The partnership aggregates' test data, and their fixtures at a fixed {@link #NOW}. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final UUID PROVIDER = UUID.fromString("10000000-0000-4000-8000-000000000001");
    static final UUID RESELLER = UUID.fromString("20000000-0000-4000-8000-000000000002");
    static final UUID INVITATION = UUID.fromString("30000000-0000-4000-8000-000000000003");
    static final UUID ANY_ID = UUID.fromString("00000000-0000-4000-8000-000000000000");

    private Fixtures() {
    }

    static <T> AggregateTestFixture<T> fixture(Class<T> aggregate) {
        return AggregateFixtures.fixture(aggregate, NOW);
    }
}
