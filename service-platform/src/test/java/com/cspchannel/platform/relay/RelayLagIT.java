package com.cspchannel.platform.relay;

import com.cspchannel.infra.SharedInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The relay's lag is read from the event store and the token table, whatever shape Axon gives the token. */
class RelayLagIT {

    private JdbcTemplate jdbc;
    private RelayLag lag;

    @BeforeEach
    void schema() {
        Map<String, String> db = SharedInfrastructure.freshDatabaseProperties("relay_lag_it");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.get("spring.datasource.url"),
                db.get("spring.datasource.username"), db.get("spring.datasource.password"));
        Flyway.configure().dataSource(dataSource).locations("classpath:db/axon").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        lag = new RelayLag(jdbc, KafkaRelay.PROCESSING_GROUP, Duration.ZERO, Clock.systemUTC());
        for (int i = 0; i < 10; i++) {
            jdbc.update("""
                    insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                        time_stamp, payload_type, payload) values (?, 'a', ?, 'T', '2026-01-01T00:00:00Z', 'P', ?)""",
                    "e" + i, i, "{}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private void token(int segment, String json) {
        jdbc.update("insert into token_entry (processor_name, segment, token, token_type) values (?, ?, ?, 'x')",
                KafkaRelay.PROCESSING_GROUP, segment, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void beforeTheRelayStartedEverythingIsLag() {
        assertThat(lag.events()).isEqualTo(10);
    }

    @Test
    void theLowestSegmentDecides() {
        long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        token(0, "{\"index\":" + head + ",\"gaps\":[]}");
        token(1, "{\"index\":" + (head - 4) + ",\"gaps\":[]}");
        assertThat(lag.events()).isEqualTo(4);
    }

    @Test
    void duringTheFirstCatchUpTheReplayTokensCurrentPositionCounts() {
        long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        token(0, "{\"tokenAtReset\":{\"index\":" + head + ",\"gaps\":[]},\"currentToken\":{\"index\":" + (head - 3)
                + ",\"gaps\":[]},\"context\":null}");
        assertThat(lag.events()).isEqualTo(3);
    }
}
