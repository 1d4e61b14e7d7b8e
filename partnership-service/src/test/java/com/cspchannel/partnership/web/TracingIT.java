package com.cspchannel.partnership.web;

import com.cspchannel.infra.SharedInfrastructure;
import com.cspchannel.platform.test.RecordedSpans;
import com.cspchannel.platform.test.RecordedSpans.TestTrace;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The first hops of one trace (the rest: customer-service's and notification-service's TracingIT): a reseller
 * accepts an invitation in a traced request; the request's server span, the span of the command it sends, the
 * stored event's metadata, the relay's publication span and the record on {@code csp.partnerships.events} all
 * belong to that trace, each the child of the one before, so that a consumer of the record continues it.
 */
class TracingIT extends IntegrationTest {

    @Autowired
    RecordedSpans spans;

    @Test
    void anAcceptanceIsOneTraceFromTheRequestToTheRecordOnTheTopic() {
        UUID provider = UUID.randomUUID();
        UUID reseller = UUID.randomUUID();
        Random random = new Random();
        registerProvider(provider, "Contoso", "4" + (100000 + random.nextInt(800000)));
        enrolReseller(reseller, "Fabrikam", "Europe", List.of("7" + (100000 + random.nextInt(800000))),
                "8" + (100000 + random.nextInt(800000)), "Europe");
        var draft = api.post("/api/v1/partnership-invitations", TOKENS.provider(provider, "GlobalAdmin"), Map.of());
        assertThat(draft.status()).isEqualTo(201);

        // the caller (a gateway, a browser's instrumentation) started the trace and decided to sample it
        TestTrace caller = TestTrace.random();
        var accepted = api.withHeaders("POST", "/api/v1/partnership-invitations/" + tokenOf(draft) + "/accept",
                TOKENS.reseller(reseller, "GlobalAdmin"), null, Map.of("traceparent", caller.traceparent()));
        assertThat(accepted.status()).isEqualTo(201);

        SpanData request = spans.await(caller.traceId(), SpanKind.SERVER, name -> name.contains("accept"),
                "the request's server span");
        assertThat(request.getParentSpanId()).as("the request continues the caller's span").isEqualTo(caller.spanId());
        SpanData command = spans.await(caller.traceId(), SpanKind.INTERNAL,
                "command AcceptPartnership"::equals, "the command's span");
        assertThat(command.getParentSpanId()).isEqualTo(request.getSpanId());

        String stored = jdbc.queryForObject("""
                select convert_from(meta_data, 'UTF8')::jsonb ->> 'traceparent' from domain_event_entry
                where payload_type like '%PartnershipAccepted' and convert_from(payload, 'UTF8') like ?""",
                String.class, "%" + reseller + "%");
        assertThat(stored).as("the stored event's trace context").isNotNull();
        assertThat(RecordedSpans.traceIdOf(stored)).isEqualTo(caller.traceId());
        assertThat(RecordedSpans.spanIdOf(stored)).as("the event names the command that applied it")
                .isEqualTo(command.getSpanId());

        String onTheRecord = traceparentOfTheAcceptance(reseller);
        assertThat(RecordedSpans.traceIdOf(onTheRecord)).as("the record's trace").isEqualTo(caller.traceId());
        SpanData publication = spans.await(caller.traceId(), SpanKind.PRODUCER,
                "publish csp.partnerships.events"::equals, "the relay's publication span");
        assertThat(publication.getParentSpanId()).as("the relay continues the stored context")
                .isEqualTo(command.getSpanId());
        assertThat(RecordedSpans.spanIdOf(onTheRecord)).as("consumers continue the relay's span")
                .isEqualTo(publication.getSpanId());
        assertThat(publication.getAttributes().asMap().values().stream().map(Object::toString))
                .contains("csp.partnerships.events");
    }

    /** The {@code traceparent} header of the PartnershipAccepted record of this reseller, as any consumer reads it. */
    private String traceparentOfTheAcceptance(UUID reseller) {
        List<ConsumerRecord<String, byte[]>> acceptances = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     SharedInfrastructure.plainConsumer(SharedInfrastructure.kafkaBootstrapServers())) {
            consumer.subscribe(List.of("csp.partnerships.events"));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if ("partnership.PartnershipAccepted.v1".equals(header(record, "ce_type"))
                            && new String(record.value(), StandardCharsets.UTF_8).contains(reseller.toString())) {
                        acceptances.add(record);
                    }
                }
                return !acceptances.isEmpty();
            });
        }
        String traceparent = header(acceptances.get(0), "traceparent");
        assertThat(traceparent).as("the record's traceparent header").isNotNull();
        return traceparent;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
