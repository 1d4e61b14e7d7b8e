package com.cspchannel.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static com.cspchannel.benchmarks.BenchmarkHarness.firstLine;
import static com.cspchannel.benchmarks.BenchmarkHarness.intSetting;
import static com.cspchannel.benchmarks.BenchmarkHarness.log;
import static com.cspchannel.benchmarks.BenchmarkHarness.warn;

/**
 * The machine a run measured on, and its load: on a few shared cores the load of other work moves the numbers more
 * than most changes do, so every run records it and can wait for a quiet moment.
 *
 * @param date  {@code bench.date} or today (UTC)
 * @param label {@code bench.label}, or blank
 * @param java  the benchmark JVM and its heap limit
 */
record Machine(String date, String time, String label, int cores, String memory, String cpu, String java,
               String loadBefore) {

    static Machine describe() {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        Machine machine = new Machine(
                System.getProperty("bench.date", now.format(DateTimeFormatter.ISO_LOCAL_DATE)),
                now.format(DateTimeFormatter.ofPattern("HH:mm'Z'")),
                System.getProperty("bench.label", ""),
                Runtime.getRuntime().availableProcessors(),
                firstLine(List.of("sh", "-c",
                        "free -g | awk '/^Mem:/ {print $2 \" GiB total, \" $7 \" GiB available\"}'")),
                firstLine(List.of("sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2")).trim(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", -Xmx"
                        + (Runtime.getRuntime().maxMemory() >> 20) + "m",
                loadAverage());
        log("machine: %d cores (%s), memory %s, load %s, %s", machine.cores, machine.cpu, machine.memory,
                machine.loadBefore, machine.java);
        return machine;
    }

    String description() {
        return cores + " cores (" + cpu + "), " + memory + ", " + java;
    }

    /** {busy, total} jiffies (USER_HZ, 1/100 s) of all CPUs since boot, from /proc/stat; {0, 0} when unknown. */
    static long[] cpuTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** The whole of /proc/loadavg: beside the averages, the run queue shows whether others were busy right then. */
    static String loadAverage() {
        return firstLine(List.of("cat", "/proc/loadavg"));
    }

    /**
     * With {@code bench.max-load} set, waits (up to {@code bench.max-load-wait-seconds}, 600) until the 1-minute
     * load drops below it; measures anyway after that, and the load columns show it.
     */
    static void awaitQuiet() throws InterruptedException {
        String maxLoad = System.getProperty("bench.max-load");
        if (maxLoad == null || maxLoad.isBlank()) {
            return;
        }
        double threshold = Double.parseDouble(maxLoad);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(intSetting("bench.max-load-wait-seconds", 600));
        while (true) {
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            if (load < threshold) {
                return;
            }
            if (System.nanoTime() > deadline) {
                warn(String.format(Locale.ROOT, "load %.2f still above %.2f; measuring anyway", load, threshold));
                return;
            }
            log("waiting for the 1-minute load (%.2f) to drop below %.2f", load, threshold);
            Thread.sleep(15_000);
        }
    }

    /**
     * Two benchmarks on two cores measure each other: waits (up to {@code bench.wait-for-others-seconds}, 1800)
     * while another benchmark JVM runs.
     */
    static void awaitNoOtherBenchmark() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(intSetting("bench.wait-for-others-seconds", 1800));
        long self = ProcessHandle.current().pid();
        String launcher = Benchmarks.class.getName();
        while (true) {
            List<String> others = ProcessHandle.allProcesses()
                    .filter(p -> p.pid() != self)
                    .filter(p -> p.info().arguments().map(args -> Stream.of(args).anyMatch(launcher::equals))
                            .orElse(false))
                    .map(p -> p.pid() + " " + p.info().arguments().map(a -> String.join(" ", a)).orElse("")
                            .replaceAll(".*" + launcher.replace(".", "\\.") + " (\\S+).*", "$1"))
                    .toList();
            if (others.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                warn("another benchmark still runs (" + others + "); measuring anyway");
                return;
            }
            log("another benchmark runs (%s); waiting", others);
            Thread.sleep(30_000);
        }
    }
}
