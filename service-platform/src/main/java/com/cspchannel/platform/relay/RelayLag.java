package com.cspchannel.platform.relay;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How far the relay is behind the event store: the head of the global index minus the lowest position
 * the relay's segments have committed. Read from the database (not from Axon's latency metric, which goes
 * stale while the processor is idle or blocked), and cached briefly so that scrapes stay cheap.
 */
public class RelayLag {

    private static final String HEAD = "select coalesce(max(global_index), 0) from domain_event_entry";
    // The relay's tokens are GapAwareTrackingTokens serialised as JSON ({"index": n, "gaps": [...]}); during the
    // first catch-up Axon wraps them in a ReplayToken ({"tokenAtReset": ..., "currentToken": {"index": n}}).
    private static final String LOWEST_TOKEN = """
            select min(coalesce((t.json ->> 'index')::bigint, (t.json -> 'currentToken' ->> 'index')::bigint, 0)),
                   count(*)
            from (select convert_from(token, 'UTF8')::jsonb as json from token_entry where processor_name = ?) t""";

    private final JdbcTemplate jdbc;
    private final String processorName;
    private final Duration cacheFor;
    private final Clock clock;
    private volatile Instant readAt = Instant.EPOCH;
    private volatile long lag;

    public RelayLag(JdbcTemplate jdbc, String processorName, Duration cacheFor, Clock clock) {
        this.jdbc = jdbc;
        this.processorName = processorName;
        this.cacheFor = cacheFor;
        this.clock = clock;
    }

    /** Events committed to the store and not yet published; -1 when it cannot be read. */
    public long events() {
        Instant now = clock.instant();
        if (now.isAfter(readAt.plus(cacheFor))) {
            lag = read();
            readAt = now;
        }
        return lag;
    }

    private long read() {
        try {
            long head = jdbc.queryForObject(HEAD, Long.class);
            Long lowest = jdbc.query(LOWEST_TOKEN, rs -> rs.next() && rs.getLong(2) > 0 ? rs.getLong(1) : null,
                    processorName);
            return Math.max(0, head - (lowest == null ? 0 : lowest));
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
