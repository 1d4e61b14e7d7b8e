package com.cspchannel.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.cspchannel.benchmarks.BenchmarkHarness.log;

/**
 * The limit every benchmark is compared with: Kafka's own {@code ProducerPerformance} and
 * {@code ConsumerPerformance} against the same broker in the same run, so that a rate is read beside what the
 * broker and this machine can do at that moment. Each runs in a child JVM with this class path, so that it does
 * not share a heap or JIT with the benchmark.
 */
final class KafkaPerformance {

    private static final Pattern PRODUCER_SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, "
                    + "([\\d.]+) ms max latency(?:, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th)?");

    /** {@code ProducerPerformance}'s result. */
    record Producer(String command, double rate, double mbPerSecond, String line) {
    }

    /** {@code ConsumerPerformance}'s result over several topics, read one after the other. */
    record Consumer(String command, String config, List<String> lines, long records, double rate, double fetchRate) {
    }

    private final String bootstrapServers;
    private final Path logback;

    KafkaPerformance(String bootstrapServers, Path logback) {
        this.bootstrapServers = bootstrapServers;
        this.logback = logback;
    }

    /** Records/s from the final summary line (the one with percentiles). */
    Producer producer(String topic, int records, int recordSize, String heap, List<String> producerProps)
            throws IOException, InterruptedException {
        List<String> toolArgs = new ArrayList<>(List.of("--topic", topic, "--num-records", Integer.toString(records),
                "--record-size", Integer.toString(recordSize), "--throughput", "-1", "--producer-props",
                "bootstrap.servers=" + bootstrapServers));
        toolArgs.addAll(producerProps);
        String tool = "org.apache.kafka.tools.ProducerPerformance";
        String command = tool + " " + String.join(" ", toolArgs).replace(bootstrapServers, "<broker>");
        log("running %s", command);
        String summary = null;
        for (String line : run(tool, heap, toolArgs, "ProducerPerformance")) {
            if (PRODUCER_SUMMARY.matcher(line).find() && line.contains("50th")) {
                summary = line;
            }
        }
        Matcher m = summary == null ? null : PRODUCER_SUMMARY.matcher(summary);
        if (m == null || !m.find()) {
            throw new IllegalStateException("ProducerPerformance printed no final summary");
        }
        return new Producer(command, Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)), summary.trim());
    }

    /**
     * Reads every topic to its end (kafka-tools 3.9 takes one {@code --topic}), each with a fresh group. The rate is
     * all records over the sum of the elapsed times, group joins included; the fetch rate leaves them out.
     *
     * @param topicSizes records per topic, in the order they are read
     * @param config     consumer properties, e.g. the settings of the consumer measured
     */
    Consumer consumer(Map<String, Long> topicSizes, Map<String, String> config, String heap)
            throws IOException, InterruptedException {
        Path configFile = Files.createTempFile("consumer-perf", ".properties");
        StringBuilder properties = new StringBuilder();
        config.forEach((k, v) -> properties.append(k).append('=').append(v).append('\n'));
        Files.writeString(configFile, properties);
        String configText = String.join(" ", config.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .toList());
        String command = "org.apache.kafka.tools.ConsumerPerformance --bootstrap-server <broker> --topic <topic> "
                + "--messages <records on the topic> --group <fresh> --consumer.config <" + configText
                + "> --timeout 60000 (-Xmx" + heap + ")";
        double totalSeconds = 0;
        double fetchSeconds = 0;
        long total = 0;
        List<String> results = new ArrayList<>();
        try {
            for (Map.Entry<String, Long> entry : topicSizes.entrySet()) {
                String topic = entry.getKey();
                long messages = entry.getValue();
                log("running ConsumerPerformance on %s (%,d records)", topic, messages);
                List<String> lines = run("org.apache.kafka.tools.ConsumerPerformance", heap, List.of(
                        "--bootstrap-server", bootstrapServers, "--topic", topic, "--messages", Long.toString(messages),
                        "--group", "bench-consumer-perf-" + topic, "--consumer.config", configFile.toString(),
                        "--timeout", "60000"), "ConsumerPerformance");
                // start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,
                // rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
                String data = null;
                for (String line : lines) {
                    if (line.split(", ").length >= 10 && !line.startsWith("start.time")) {
                        data = line;
                    }
                }
                if (data == null) {
                    throw new IllegalStateException("cannot find ConsumerPerformance's result line for " + topic);
                }
                String[] fields = data.split(", ");
                long read = Long.parseLong(fields[4].trim());
                double rate = Double.parseDouble(fields[5].trim());
                double fetchMillis = Double.parseDouble(fields[7].trim());
                if (read < messages) {
                    throw new IllegalStateException("ConsumerPerformance read " + read + " of " + messages + " on "
                            + topic);
                }
                total += read;
                totalSeconds += read / rate;
                fetchSeconds += fetchMillis / 1000.0;
                results.add(topic + ": " + data.trim());
            }
        } finally {
            Files.deleteIfExists(configFile);
        }
        Consumer result = new Consumer(command, configText, results, total, total / totalSeconds,
                total / fetchSeconds);
        log("ConsumerPerformance: %,d records in %.1f s: %,.0f records/s (%,.0f records/s without group joins)",
                total, totalSeconds, result.rate(), result.fetchRate());
        return result;
    }

    /** Runs a tool to its end, echoing its output; fails unless it exits with 0 within 10 minutes. */
    private List<String> run(String tool, String heap, List<String> toolArgs, String prefix)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BenchmarkHarness.javaBinary(), "-Xmx" + heap,
                "-Duser.language=en", "-Duser.country=US"));
        if (logback != null) {
            command.add("-Dlogback.configurationFile=" + logback);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), tool));
        command.addAll(toolArgs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                System.out.println("  [" + prefix + "] " + line);
                lines.add(line);
            }
        }
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(prefix + " failed (exit "
                    + (process.isAlive() ? "?" : process.exitValue()) + ")");
        }
        return lines;
    }
}
