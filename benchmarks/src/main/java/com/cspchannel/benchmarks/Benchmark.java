package com.cspchannel.benchmarks;

import java.util.List;

/**
 * One benchmark's own scenario. {@link BenchmarkHarness} prepares what every benchmark needs before {@link #run}
 * (the broker with the {@link Setup#topics()}, a fresh database, the machine's description) and takes care of the
 * summary, the report and the clean-up afterwards, so that every benchmark is measured under the same conditions.
 */
interface Benchmark {

    /** What the harness prepares before {@link #run}. */
    Setup setup();

    /** Measures, checks and describes one run. */
    Outcome run(BenchmarkHarness harness) throws Exception;

    /**
     * @param topics         created up front with {@link BenchmarkHarness#PARTITIONS} partitions, so that no
     *                       measurement includes creating a topic
     * @param databasePrefix the prefix of the fresh database's name
     */
    record Setup(List<String> topics, String databasePrefix) {
    }

    /**
     * What a run found.
     *
     * @param summary  the block printed and kept in the report's details
     * @param verified whether the run's own correctness checks passed (a run that fails them exits with 3)
     * @param report   where the run is recorded
     * @param label    the run's label: a rerun with the same label replaces its details block
     * @param cells    the table row's cells after the date and the label, already joined with {@code " | "}
     */
    record Outcome(String summary, boolean verified, Report report, String label, String cells) {
    }
}
