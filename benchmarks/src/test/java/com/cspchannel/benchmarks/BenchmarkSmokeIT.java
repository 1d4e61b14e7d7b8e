package com.cspchannel.benchmarks;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each harness once on a tiny input, against a real broker and the real PostgreSQL, so that a change elsewhere that
 * breaks a benchmark fails the build instead of the next person who measures. The numbers of these runs mean
 * nothing and are not written anywhere ({@code bench.report=none}); what must hold is that the run completes and its
 * own correctness checks pass (every event on the topic exactly once; the rebuilt view equal to the live one and to
 * the model). The benchmarks of the running stack (commands, latency) need all four services and are run by hand.
 */
class BenchmarkSmokeIT {

    private final Map<String, String> previous = new HashMap<>();

    @Test
    void theRelayBenchmarkDrainsItsBacklogAndFindsEveryEventOnTheTopicOnce() throws Exception {
        settings(Map.of("bench.events", "2000", "bench.producer-records", "2000", "bench.report", "none"));
        assertThat(new BenchmarkHarness(BenchmarkHarness.quietLogging()).run(new RelayBenchmark())).isZero();
    }

    @Test
    void theRebuildBenchmarkRebuildsTheViewEqualToTheLiveOneAndTheModel() throws Exception {
        settings(Map.of("bench.events", "5000", "bench.providers", "5", "bench.resellers", "100",
                "bench.partners-per-provider", "20", "bench.report", "none"));
        assertThat(new BenchmarkHarness(BenchmarkHarness.quietLogging()).run(new RebuildBenchmark())).isZero();
    }

    private void settings(Map<String, String> settings) {
        settings.forEach((key, value) -> previous.put(key, System.setProperty(key, value)));
    }

    @AfterEach
    void restoreSettings() {
        previous.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
        previous.clear();
    }
}
