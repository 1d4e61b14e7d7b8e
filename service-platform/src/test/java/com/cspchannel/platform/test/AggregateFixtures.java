package com.cspchannel.platform.test;

import org.axonframework.test.aggregate.AggregateTestFixture;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The set-up every aggregate test needs: a clock fixed at {@code now} injected into command handlers, and event
 * ids (random by nature) left out of the comparison of expected and published events.
 */
public final class AggregateFixtures {

    private AggregateFixtures() {
    }

    public static <T> AggregateTestFixture<T> fixture(Class<T> aggregate, Instant now) {
        AggregateTestFixture<T> fixture = new AggregateTestFixture<>(aggregate);
        fixture.registerInjectableResource(Clock.fixed(now, ZoneOffset.UTC));
        fixture.registerFieldFilter(field -> !field.getName().equals("eventId"));
        return fixture;
    }
}
