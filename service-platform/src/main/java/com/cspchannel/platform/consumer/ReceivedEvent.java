package com.cspchannel.platform.consumer;

import com.cspchannel.events.CloudEventHeaders;
import com.cspchannel.events.PublicEvent;

/** A public event read from Kafka, with its CloudEvents attributes and where it was read. */
public record ReceivedEvent(PublicEvent event, CloudEventHeaders headers, String topic, int partition, long offset) {
}
