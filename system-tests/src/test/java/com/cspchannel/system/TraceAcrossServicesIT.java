package com.cspchannel.system;

import com.cspchannel.infra.HttpApi;
import com.cspchannel.infra.MailServer;
import com.cspchannel.system.SpanCollector.ReceivedSpan;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static com.cspchannel.system.SystemStack.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One partnership acceptance is one trace across the processes, as an operator's tracing backend shows it: the
 * services export their spans over OTLP to a collector ({@link SpanCollector}), and every span from the accept
 * request to customer-service's view and to the notification mail is in the trace the caller started, each the
 * child of the hop before it.
 */
class TraceAcrossServicesIT {

    private final SystemStack stack = SystemStack.get();

    @Test
    void anAcceptanceIsOneTraceFromTheRequestToCustomerServicesViewAndTheMail() {
        HttpApi partnerships = stack.api("partnership");
        InvitedResellers invited = InvitedResellers.create(partnerships, 1);
        UUID reseller = invited.accept().keySet().iterator().next();
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String callerSpan = HexFormat.of().formatHex(randomBytes(8));

        // a caller that traces (and samples) its own request, as a portal with OpenTelemetry would
        HttpApi.Response accepted = partnerships.withHeaders("POST", invited.accept().get(reseller),
                TOKENS.reseller(reseller, "GlobalAdmin"), null,
                Map.of("traceparent", "00-" + traceId + "-" + callerSpan + "-01"));
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(201);

        SpanCollector spans = stack.spans();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<ReceivedSpan> trace = spans.trace(traceId);
            assertThat(find(trace, "partnership-service", "command AcceptPartnership")).isPresent();
            assertThat(find(trace, "partnership-service", "publish csp.partnerships.events")).isPresent();
            assertThat(find(trace, "customer-service", "process csp.partnerships.events")).isPresent();
            assertThat(find(trace, "notification-service", "notification mail")).isPresent();
        });
        List<ReceivedSpan> trace = spans.trace(traceId);
        ReceivedSpan request = trace.stream().filter(span -> span.service().equals("partnership-service")
                && span.parentSpanId().equals(callerSpan)).findFirst().orElseThrow();
        assertThat(request.name()).as("the request's server span continues the caller's").contains("post");
        ReceivedSpan command = find(trace, "partnership-service", "command AcceptPartnership").orElseThrow();
        ReceivedSpan publish = find(trace, "partnership-service", "publish csp.partnerships.events").orElseThrow();
        ReceivedSpan customerView = find(trace, "customer-service", "process csp.partnerships.events").orElseThrow();
        ReceivedSpan notified = find(trace, "notification-service", "process csp.partnerships.events").orElseThrow();
        ReceivedSpan mail = find(trace, "notification-service", "notification mail").orElseThrow();
        assertThat(command.parentSpanId()).as("the command runs within the request").isEqualTo(request.spanId());
        assertThat(publish.parentSpanId()).as("the relay continues the context stored with the event")
                .isEqualTo(command.spanId());
        assertThat(customerView.parentSpanId()).as("customer-service applies the record the relay published")
                .isEqualTo(publish.spanId());
        assertThat(notified.parentSpanId()).isEqualTo(publish.spanId());
        assertThat(mail.parentSpanId()).as("the mail is sent within the notification's trace")
                .isEqualTo(notified.spanId());

        // and the effects are there: customer-service takes a customer for the reseller, the provider got its mail
        assertThat(stack.api("customer").post("/api/v1/customers/validation", invited.admin(),
                InvitedResellers.customerFor(reseller)).status()).isEqualTo(200);
        HttpApi.Response notifications = stack.api("notification").get("/api/v1/notifications", invited.admin());
        assertThat(notifications.body().get("items")).hasSize(1);
        String notificationId = notifications.body().get("items").get(0).get("id").asText();
        assertThat(MailServer.shared().all()).filteredOn(message -> notificationId.equals(message.notificationId()))
                .hasSize(1);
    }

    private static Optional<ReceivedSpan> find(List<ReceivedSpan> trace, String service, String name) {
        return trace.stream().filter(span -> span.service().equals(service) && span.name().equals(name)).findFirst();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1; // never all zeros, which W3C trace context calls invalid
        return bytes;
    }
}
