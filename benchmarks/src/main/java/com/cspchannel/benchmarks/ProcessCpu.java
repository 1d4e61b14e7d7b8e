package com.cspchannel.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time and resident memory of the processes on this machine, grouped by what they are on the local stack (each service, the
 * broker, PostgreSQL, this JVM, the rest), from /proc/[pid]/stat: which process a command's CPU goes to.
 */
final class ProcessCpu {

    private static final String SELF = Long.toString(ProcessHandle.current().pid());
    static final String[] SERVICES = {"partnership-service", "customer-service", "subscription-service",
            "notification-service"};

    /** CPU jiffies (USER_HZ, 1/100 s) used so far by each group's processes alive now. */
    static Map<String, Long> snapshot() {
        Map<String, Long> ticks = new TreeMap<>();
        forEachProcess((process, stat) -> {
            // after the command name in parentheses: state is field 3, utime and stime fields 14 and 15
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            ticks.merge(group(process, stat), used, Long::sum);
        });
        return ticks;
    }

    /** Resident memory (VmRSS) of each group's processes alive now, in bytes. */
    static Map<String, Long> residentBytes() {
        Map<String, Long> bytes = new TreeMap<>();
        forEachProcess((process, stat) -> {
            for (String line : Files.readAllLines(process.resolve("status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    // "VmRSS:    123456 kB"
                    bytes.merge(group(process, stat), Long.parseLong(line.replaceAll("\\D", "")) * 1024, Long::sum);
                }
            }
        });
        return bytes;
    }

    /** The process ids of a service of the local stack (as {@link #snapshot()} groups them). */
    static List<Long> pids(String service) {
        List<Long> pids = new ArrayList<>();
        forEachProcess((process, stat) -> {
            if (group(process, stat).equals(service)) {
                pids.add(Long.parseLong(process.getFileName().toString()));
            }
        });
        return pids;
    }

    private interface ProcessVisitor {
        void visit(Path process, String stat) throws IOException;
    }

    private static void forEachProcess(ProcessVisitor visitor) {
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    visitor.visit(process, Files.readString(process.resolve("stat"), StandardCharsets.UTF_8));
                } catch (IOException | RuntimeException gone) {
                    // the process ended while it was read
                }
            }
        } catch (IOException e) {
            // no /proc: nothing to report
        }
    }

    /** Milliseconds of CPU per group between two snapshots, largest first, divided by {@code per}. */
    static Map<String, Double> millisBetween(Map<String, Long> before, Map<String, Long> after, double per) {
        Map<String, Double> millis = new LinkedHashMap<>();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0L)) * 10.0 / per))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> millis.put(e.getKey(), e.getValue()));
        return millis;
    }

    private static String group(Path process, String stat) throws IOException {
        if (process.getFileName().toString().equals(SELF)) {
            return "load generator (this JVM)";
        }
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (name.startsWith("postgres") || name.equals("pgbench")) {
            return "postgres";
        }
        String commandLine = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8);
        // arguments are separated by NUL: the services run as "-jar <service>...-exec.jar", the broker as kafka.Kafka
        for (String service : SERVICES) {
            if (commandLine.contains("-jar\0") && commandLine.contains(service)) {
                return service;
            }
        }
        return commandLine.contains("\0kafka.Kafka\0") ? "kafka broker" : "other";
    }

    private ProcessCpu() {
    }
}
