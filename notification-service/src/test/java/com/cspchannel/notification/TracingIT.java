package com.cspchannel.notification;

import com.cspchannel.events.PublicEvent;
import com.cspchannel.events.Topics;
import com.cspchannel.events.partnership.PartnershipAccepted;
import com.cspchannel.infra.MailServer;
import com.cspchannel.platform.test.RecordedSpans;
import com.cspchannel.platform.test.RecordedSpans.TestTrace;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * notification-service's hop of one trace (partnership-service's TracingIT covers the request and the relay): the
 * PartnershipAccepted record, with the relay span's {@code traceparent}, is recorded as a notification in a span
 * that continues the trace, and the mail the sender delivers later, on its own thread, continues it too.
 */
class TracingIT extends NotificationIntegrationTest {

    @Autowired
    RecordedSpans spans;

    @Test
    void theMailOfAnAcceptanceIsSentInTheTraceOfTheRecord() {
        World world = world();
        PublicEvent[] profiles = profiles(world).toArray(PublicEvent[]::new);
        publish(profiles);
        awaitConsumed(profiles);
        TestTrace relay = TestTrace.random();
        PartnershipAccepted accepted = accepted(world, world.reseller());
        RecordedSpans.publishTraced(Topics.PARTNERSHIPS, world.provider().toString(), accepted, relay.traceparent());
        awaitSettled(accepted);
        assertThat(statusOf(accepted, "partnership_accepted")).isEqualTo("sent");
        UUID notification = jdbc.queryForObject("select id from notification where event_id = ?", UUID.class,
                accepted.eventId());
        assertThat(SMTP.to(world.providerEmail())).extracting(MailServer.Mail::notificationId)
                .contains(notification.toString());

        SpanData recorded = spans.await(relay.traceId(), SpanKind.CONSUMER, "process csp.partnerships.events"::equals,
                "the consumer's span");
        assertThat(recorded.getParentSpanId()).as("the consumer continues the relay's span").isEqualTo(relay.spanId());
        SpanData mailed = spans.await(relay.traceId(), SpanKind.CLIENT, "notification mail"::equals,
                "the mail's span");
        assertThat(mailed.getParentSpanId()).as("the mail continues the span that recorded the notification")
                .isEqualTo(recorded.getSpanId());
        assertThat(mailed.getAttributes().get(AttributeKey.stringKey("notification.id")))
                .isEqualTo(notification.toString());
        assertThat(mailed.getStatus().getStatusCode()).as("sent without error")
                .isNotEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
    }
}
