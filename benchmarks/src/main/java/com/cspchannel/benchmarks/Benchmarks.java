package com.cspchannel.benchmarks;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Runs one benchmark: {@code Benchmarks <name> [key=value ...]}, normally through the benchmarks module's
 * exec-maven-plugin configuration ({@code ./mvnw -q -B -pl benchmarks exec:exec -Dbench=relay
 * -Dbench.args="..."}, see docs/benchmarks.md). Every {@code key=value} becomes a system property before anything
 * starts, so that the service's own settings (relay tunables and the like) reach its Spring environment the same
 * way the benchmark's settings do.
 *
 * <p>{@code Benchmarks all} runs every figure of issue 13 one after the other: the relay (P3) and the rebuild (P4)
 * with 1,000,000 events each unless {@code bench.events} says otherwise, then, when the local stack answers, the
 * commands (P1, and the scrape) and the latency (P2) idle and at half of the invitation peak just measured.
 *
 * <p>Exit code: 0, 1 (failed), {@link BenchmarkHarness#REFUSED} (no real PostgreSQL) or
 * {@link BenchmarkHarness#NOT_VERIFIED} (a correctness check failed).
 */
public final class Benchmarks {

    private static final Map<String, Supplier<Benchmark>> BENCHMARKS = new TreeMap<>(Map.of(
            "relay", RelayBenchmark::new,
            "rebuild", RebuildBenchmark::new));
    /** The benchmarks of the running local stack (all four services), not of a harness of their own. */
    private static final Map<String, Callable<Integer>> ON_THE_STACK = new TreeMap<>(Map.of(
            "latency", () -> new LatencyBenchmark().run(),
            "commands", () -> new CommandBenchmark().run(),
            "soak", () -> new SoakBenchmark().run()));

    public static void main(String[] args) {
        boolean all = args.length > 0 && args[0].equals("all");
        Callable<Integer> onTheStack = args.length == 0 ? null : ON_THE_STACK.get(args[0]);
        Supplier<Benchmark> benchmark = args.length == 0 ? null : BENCHMARKS.get(args[0]);
        if (benchmark == null && onTheStack == null && !all) {
            System.err.println("usage: Benchmarks <all|" + String.join("|", BENCHMARKS.keySet()) + "|"
                    + String.join("|", ON_THE_STACK.keySet()) + "> [key=value ...]");
            System.exit(1);
        }
        for (String arg : Arrays.asList(args).subList(1, args.length)) {
            String setting = arg.startsWith("-D") ? arg.substring(2) : arg.startsWith("--") ? arg.substring(2) : arg;
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                System.err.println("arguments are key=value (e.g. bench.events=100000); ignoring '" + arg + "'");
                continue;
            }
            System.setProperty(setting.substring(0, eq), setting.substring(eq + 1));
        }
        // before anything logs: logback reads its configuration once
        Path logback = BenchmarkHarness.quietLogging();
        int exit;
        try {
            exit = all ? all(logback) : onTheStack != null ? onTheStack.call()
                    : new BenchmarkHarness(logback).run(benchmark.get());
        } catch (Throwable e) {
            System.err.println("BENCHMARK FAILED: " + e);
            e.printStackTrace();
            exit = 1;
        }
        System.out.flush();
        // Spring, Axon and Kafka leave non-daemon threads behind; the benchmark is done.
        System.exit(exit);
    }

    /** Every figure in turn; the worst exit code. The stack's benchmarks only when the local stack answers. */
    private static int all(Path logback) throws Exception {
        String events = System.getProperty("bench.events", "1000000");
        System.setProperty("bench.events", events);
        System.setProperty("bench.producer-records", System.getProperty("bench.producer-records", events));
        String label = System.getProperty("bench.label", "all");
        int worst = 0;
        for (String name : BENCHMARKS.keySet()) {
            System.setProperty("bench.label", label);
            worst = Math.max(worst, new BenchmarkHarness(logback).run(BENCHMARKS.get(name).get()));
        }
        StackClient stack = new StackClient();
        if (!stack.answers()) {
            System.out.println("the local stack does not answer at " + stack.partnerships + ": P1 and P2 need it "
                    + "(the README's run command); skipped");
            return Math.max(worst, 1);
        }
        CommandBenchmark commands = new CommandBenchmark();
        worst = Math.max(worst, commands.run());
        System.setProperty("bench.label", label + "-idle");
        worst = Math.max(worst, new LatencyBenchmark().run());
        long halfPeak = Math.max(1, Math.round(commands.peak("invitation") / 2));
        System.setProperty("bench.label", label + "-half-peak");
        System.setProperty("bench.load-rate", Long.toString(halfPeak));
        worst = Math.max(worst, new LatencyBenchmark().run());
        return worst;
    }

    private Benchmarks() {
    }
}
