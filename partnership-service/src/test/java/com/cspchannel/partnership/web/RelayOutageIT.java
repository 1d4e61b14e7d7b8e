package com.cspchannel.partnership.web;

import com.cspchannel.events.partnership.ProgramStatus;
import com.cspchannel.infra.DevTokens;
import com.cspchannel.infra.KafkaBroker;
import com.cspchannel.infra.SharedInfrastructure;
import com.cspchannel.partnership.PartnershipServiceApplication;
import com.cspchannel.partnership.command.DirectoryService;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker goes down while commands keep being accepted. The relay must hold its position (no event is
 * skipped), retry, and once the broker is back deliver every event: after de-duplication by event id, each
 * exactly once and in the order of its aggregate.
 */
@SpringBootTest(classes = PartnershipServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class RelayOutageIT {

    private static final KafkaBroker BROKER = KafkaBroker.onFreePorts().start();

    @Autowired
    DirectoryService directory;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SharedInfrastructure.freshDatabaseProperties("partnership_relay_it")
                .forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.kafka.bootstrap-servers", BROKER::bootstrapServers);
        registry.add("csp.security.dev-secret", () -> DevTokens.DEV_SECRET);
        registry.add("axon.eventhandling.processors.kafka-relay.batch-size", () -> "20");
    }

    @AfterAll
    static void stopBroker() {
        BROKER.stop();
    }

    @Test
    void eventsCommittedWhileTheBrokerIsDownArriveOnceEachAndInOrderAfterItReturns() {
        List<UUID> resellers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            resellers.add(enrol(i));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> relayedPosition() >= headPosition());

        BROKER.stop();
        long positionAtOutage = relayedPosition();
        for (int round = 0; round < 12; round++) {
            for (UUID reseller : resellers) {
                directory.changeCompliance(reseller, null, round % 2 == 0 ? List.of("Europe") : List.of(),
                        round % 3 == 0 ? ProgramStatus.SUSPENDED : ProgramStatus.ACTIVE);
            }
        }
        for (int i = 5; i < 10; i++) {
            resellers.add(enrol(i));
        }
        // While the broker is away the relay tries, fails, and holds its position: nothing is marked as published.
        double failedBefore = failedBatches();
        await().atMost(Duration.ofSeconds(90)).until(() -> failedBatches() > failedBefore);
        assertThat(relayedPosition()).isEqualTo(positionAtOutage);
        assertThat(headPosition()).isGreaterThan(positionAtOutage + 60);

        BROKER.start();
        await().atMost(Duration.ofSeconds(150)).until(() -> relayedPosition() >= headPosition());

        Map<String, List<String>> expected = expectedOrderPerAggregate();
        Map<String, List<String>> received = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        int total = expected.values().stream().mapToInt(List::size).sum();
        try (KafkaConsumer<String, byte[]> consumer = SharedInfrastructure.plainConsumer(BROKER.bootstrapServers())) {
            consumer.subscribe(List.of("csp.partnerships.events"));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String id = new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
                    if (seen.add(id)) {
                        received.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(id);
                    }
                }
                return seen.size() >= total;
            });
        }
        assertThat(seen).hasSize(total);
        assertThat(received).isEqualTo(expected);
    }

    private double failedBatches() {
        var counter = meters.find("csp.relay.batches.failed").counter();
        return counter == null ? 0 : counter.count();
    }

    private UUID enrol(int i) {
        UUID reseller = UUID.randomUUID();
        directory.enrol(reseller, "Reseller " + i, "r" + i + "@example.org", "DE", "Europe",
                List.of("9" + (1000000 + i) + reseller.toString().substring(0, 2).replaceAll("[^0-9]", "1")),
                "8" + (1000000 + i), null);
        return reseller;
    }

    /** The public event ids of every aggregate, in the order of its sequence numbers. */
    private Map<String, List<String>> expectedOrderPerAggregate() {
        Map<String, List<String>> order = new LinkedHashMap<>();
        jdbc.query("""
                select aggregate_identifier, convert_from(payload, 'UTF8')::jsonb ->> 'eventId' as event_id
                from domain_event_entry order by aggregate_identifier, sequence_number""", rs -> {
            order.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        });
        return order;
    }

    private long headPosition() {
        return jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
    }

    private long relayedPosition() {
        Long position = jdbc.queryForObject("""
                select coalesce(min((convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint), 0)
                from token_entry where processor_name = 'kafka-relay' and token is not null""", Long.class);
        return position == null ? 0 : position;
    }

}
