package com.cspchannel.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of the processes on this machine, grouped by what they are on the local stack (each service, the
 * broker, PostgreSQL, this JVM, the rest), from /proc/[pid]/stat: which process a command's CPU goes to.
 */
final class ProcessCpu {

    private static final String SELF = Long.toString(ProcessHandle.current().pid());
    private static final String[] SERVICES = {"partnership-service", "customer-service", "subscription-service",
            "notification-service"};

    /** CPU jiffies (USER_HZ, 1/100 s) used so far by each group's processes alive now. */
    static Map<String, Long> snapshot() {
        Map<String, Long> ticks = new TreeMap<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    String stat = Files.readString(process.resolve("stat"), StandardCharsets.UTF_8);
                    // after the command name in parentheses: state is field 3, utime and stime fields 14 and 15
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    ticks.merge(group(process, stat), used, Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the process ended while it was read
                }
            }
        } catch (IOException e) {
            return ticks;
        }
        return ticks;
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
