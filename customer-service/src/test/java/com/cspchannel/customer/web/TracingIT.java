package com.cspchannel.customer.web;

import com.cspchannel.events.Topics;
import com.cspchannel.events.partnership.PartnershipAccepted;
import com.cspchannel.platform.test.RecordedSpans;
import com.cspchannel.platform.test.RecordedSpans.TestTrace;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * customer-service's hop of one trace (partnership-service's TracingIT covers the request and the relay): the
 * PartnershipAccepted record the relay published, with the relay span's {@code traceparent}, updates this service's
 * copy of the partnership in a span that continues that trace.
 */
class TracingIT extends CustomerIntegrationTest {

    @Autowired
    RecordedSpans spans;

    @Test
    void thePartnershipViewIsUpdatedInTheTraceOfTheRecord() {
        World world = world();
        TestTrace relay = TestTrace.random();
        PartnershipAccepted accepted = new PartnershipAccepted(UUID.randomUUID(), Instant.now(), world.provider(),
                world.reseller(), UUID.randomUUID(), "reseller-admin", "Europe");
        RecordedSpans.publishTraced(Topics.PARTNERSHIPS, world.provider() + ":" + world.reseller(), accepted,
                relay.traceparent());

        awaitPartnership(world, true);
        SpanData applied = spans.await(relay.traceId(), SpanKind.CONSUMER, "process csp.partnerships.events"::equals,
                "the consumer's span");
        assertThat(applied.getParentSpanId()).as("the consumer continues the relay's span").isEqualTo(relay.spanId());
        assertThat(applied.getAttributes().get(AttributeKey.stringKey("messaging.message.id")))
                .isEqualTo(accepted.eventId().toString());
        assertThat(applied.getAttributes().get(AttributeKey.stringKey("cloudevents.event_type")))
                .isEqualTo("partnership.PartnershipAccepted.v1");
    }
}
