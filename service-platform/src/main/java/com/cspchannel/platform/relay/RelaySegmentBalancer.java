package com.cspchannel.platform.relay;

import org.axonframework.eventhandling.pooled.MaxSegmentProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

/**
 * Spreads the relay's segments evenly over the running instances of a service, so that a second replica carries
 * half of the relay and a survivor takes everything over when the other goes.
 *
 * <p>Axon's pooled coordinator asks a {@link MaxSegmentProvider} how many segments it may hold on every claim
 * cycle, and releases the surplus when it holds more; without a provider the first instance claims every segment
 * and keeps them. Here each ask is also this instance's heartbeat: it stamps a row in {@code processor_instance}
 * with the database's clock (one clock for every pod), and the answer is the segment count divided by the
 * instances stamped within the liveness window, rounded up. The window equals the token store's claim timeout:
 * an instance killed without a goodbye stops counting exactly when its claims expire, and a survivor then claims
 * them at its next cycle. A graceful stop deletes the row after Axon has released the claims.
 *
 * <p>When the database cannot answer, the last answer stands (at first: every segment), so a database hiccup
 * never stops publishing; it can only delay the rebalance.
 */
public class RelaySegmentBalancer implements MaxSegmentProvider {

    private static final Logger log = LoggerFactory.getLogger(RelaySegmentBalancer.class);

    private static final String STAMP = """
            insert into processor_instance (processor_name, owner, seen_at) values (?, ?, now())
            on conflict (processor_name, owner) do update set seen_at = excluded.seen_at""";
    private static final String FORGET_STALE = """
            delete from processor_instance
            where processor_name = ? and seen_at < now() - make_interval(secs => ?)""";
    private static final String COUNTS = """
            select (select count(*) from token_entry where processor_name = ?),
                   (select count(*) from processor_instance where processor_name = ?)""";
    private static final String FORGET_ME = "delete from processor_instance where processor_name = ? and owner = ?";

    private final JdbcTemplate jdbc;
    private final String processorName;
    private final String owner;
    private final Duration liveness;
    private volatile int lastAnswer = Short.MAX_VALUE;
    private volatile boolean stopped;

    /**
     * @param owner    this instance's name, unique among the replicas (Axon's token owner is pid@host)
     * @param liveness how long an instance counts after its last stamp: the token store's claim timeout
     */
    public RelaySegmentBalancer(JdbcTemplate jdbc, String processorName, String owner, Duration liveness) {
        this.jdbc = jdbc;
        this.processorName = processorName;
        this.owner = owner;
        this.liveness = liveness;
    }

    @Override
    public int getMaxSegments(String processingGroup) {
        if (stopped || !processorName.equals(processingGroup)) {
            return lastAnswer;
        }
        try {
            jdbc.update(FORGET_STALE, processorName, liveness.toMillis() / 1000.0);
            jdbc.update(STAMP, processorName, owner);
            int answer = jdbc.query(COUNTS, rs -> {
                rs.next();
                return fairShare(rs.getInt(1), rs.getInt(2));
            }, processorName, processorName);
            if (answer != lastAnswer) {
                log.info("Relay: this instance now holds at most {} segment(s)", answer);
            }
            lastAnswer = answer;
        } catch (DataAccessException e) {
            log.debug("Relay: cannot count the live instances; keeping at most {} segment(s)", lastAnswer);
        }
        return lastAnswer;
    }

    /** Segments per instance, rounded up; every segment while the token store has none yet. */
    static int fairShare(int segments, int instances) {
        if (segments <= 0) {
            return Short.MAX_VALUE;
        }
        return (segments + Math.max(1, instances) - 1) / Math.max(1, instances);
    }

    /** Leaves the count at once; called when the service stops, after the relay processor has released its claims. */
    public void leave() {
        stopped = true;
        try {
            jdbc.update(FORGET_ME, processorName, owner);
        } catch (DataAccessException e) {
            log.debug("Relay: could not remove this instance's presence; it expires after {}", liveness);
        }
    }
}
