package com.cspchannel.platform.consistency;

import com.cspchannel.infra.SharedInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a refusal reports of this service's copies ("applied through") against a real PostgreSQL with the platform's
 * migrations: the newest event of each consumer, and found without reading the consumer's history, so that
 * every 409/422 does not get slower as events accumulate (it read every event a consumer ever applied: 33 ms at
 * 92,000 events on the local stack).
 */
class AppliedThroughIT {

    private static JdbcTemplate jdbc;
    private static ConsistencyGate gate;

    @BeforeAll
    static void database() {
        Map<String, String> db = SharedInfrastructure.freshDatabaseProperties("platform_applied_through_it");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.get("spring.datasource.url"),
                db.get("spring.datasource.username"), db.get("spring.datasource.password"));
        Flyway.configure().dataSource(dataSource).locations("classpath:db/axon").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        gate = new ConsistencyGate(jdbc, List.of(), new WrittenEvents(),
                new ConsistencyProperties(java.time.Duration.ofSeconds(2), java.time.Duration.ofMillis(10)),
                Optional.empty());
        // a long history for one consumer, a short one for another, one minute apart per event
        jdbc.update("""
                insert into consumed_event (consumer, event_id, topic, kafka_partition, kafka_offset, consumed_at)
                select 'long-history', gen_random_uuid(), 't', 0, i,
                       timestamptz '2026-01-01 00:00:00+00' + i * interval '1 minute'
                from generate_series(1, 50000) as i""");
        jdbc.update("""
                insert into consumed_event (consumer, event_id, topic, kafka_partition, kafka_offset, consumed_at)
                values ('short-history', gen_random_uuid(), 't', 0, 1, timestamptz '2026-03-01 10:00:00+00'),
                       ('short-history', gen_random_uuid(), 't', 0, 2, timestamptz '2026-03-01 09:00:00+00')""");
        jdbc.execute("analyze consumed_event");
    }

    @Test
    void eachConsumerIsReportedWithItsNewestEventAndOneThatAppliedNothingIsLeftOut() {
        assertThat(gate.appliedThrough(List.of("short-history", "nothing-yet", "long-history"))).containsExactly(
                Map.of("consumer", "long-history", "appliedThrough", "2026-02-04T17:20:00Z"),
                Map.of("consumer", "short-history", "appliedThrough", "2026-03-01T10:00:00Z"));
    }

    @Test
    void theAnswerReadsOneIndexEntryPerConsumerNotTheConsumersHistory() {
        List<String> plan = jdbc.queryForList("explain (analyze, costs off) " + ConsistencyGate.APPLIED_THROUGH
                .replace("?::varchar[]", "array['long-history', 'short-history']::varchar[]"), String.class);
        String text = String.join("\n", plan);
        assertThat(text).contains("consumed_event_applied_through").doesNotContain("Seq Scan on consumed_event")
                .doesNotContain("Bitmap Heap Scan on consumed_event");
        // rows read from consumed_event: one per consumer (a backward index scan that stops at the first entry)
        assertThat(plan.stream().filter(line -> line.contains("consumed_event_applied_through"))
                .map(line -> line.replaceAll(".*rows=(\\d+) loops=(\\d+).*", "$1x$2")).toList())
                .allSatisfy(rowsTimesLoops -> assertThat(rowsTimesLoops).isEqualTo("1x2"));
    }
}
