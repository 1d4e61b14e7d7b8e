package com.cspchannel.partnership.command;

import org.axonframework.test.aggregate.AggregateTestFixture;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** Fixture setup shared by the aggregate tests: a fixed clock, and event ids left out of comparisons. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final UUID PROVIDER = UUID.fromString("10000000-0000-4000-8000-000000000001");
    static final UUID RESELLER = UUID.fromString("20000000-0000-4000-8000-000000000002");
    static final UUID INVITATION = UUID.fromString("30000000-0000-4000-8000-000000000003");
    static final UUID ANY_ID = UUID.fromString("00000000-0000-4000-8000-000000000000");

    private Fixtures() {
    }

    static <T> AggregateTestFixture<T> fixture(Class<T> aggregate) {
        AggregateTestFixture<T> fixture = new AggregateTestFixture<>(aggregate);
        fixture.registerInjectableResource(CLOCK);
        fixture.registerFieldFilter(field -> !field.getName().equals("eventId"));
        return fixture;
    }
}
