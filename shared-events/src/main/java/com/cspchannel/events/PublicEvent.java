package com.cspchannel.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An event of the public contract: published to Kafka, readable by any consumer without our code.
 * Every public event has a unique id (the CloudEvents {@code id}, used by consumers to de-duplicate)
 * and the instant it happened.
 */
public interface PublicEvent {

    UUID eventId();

    Instant occurredAt();
}
