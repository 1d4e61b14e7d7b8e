package com.cspchannel.platform.consumer;

import com.cspchannel.events.CloudEventHeaders;
import com.cspchannel.events.PublicEvent;

/**
 * A public event read from Kafka, with its CloudEvents attributes, where it was read and the W3C trace context of
 * the span that published it ({@code traceparent}, null when the record had none).
 */
public record ReceivedEvent(PublicEvent event, CloudEventHeaders headers, String topic, int partition, long offset,
                            String traceparent) {

    public ReceivedEvent(PublicEvent event, CloudEventHeaders headers, String topic, int partition, long offset) {
        this(event, headers, topic, partition, offset, null);
    }
}
