package com.cspchannel.partnership.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link RelayBenchmark} result into docs/benchmarks.md. Only the parts between the markers below are
 * machine-written: one table row per date and run label (a rerun replaces its row) and one details block per run
 * label. Everything else in the file is prose maintained by hand.
 */
final class BenchmarkReport {

    static final String RESULTS_BEGIN = "<!-- relay-bench:results:begin -->";
    static final String RESULTS_END = "<!-- relay-bench:results:end -->";
    static final String DETAILS_BEGIN = "<!-- relay-bench:details:begin -->";
    static final String DETAILS_END = "<!-- relay-bench:details:end -->";
    static final String TABLE_HEADER = """
            | Date (UTC) | Run | N | batch size | segments | fetch size \
            | relay events/s: context start → lowest token ≥ head \
            | relay events/s: context start → all N acked | relay peak events/s (1 s) \
            | ProducerPerformance records/s | ratio relay/producer | distinct ce_id / duplicates | cores \
            | load avg (1 min): relay start → end |
            |---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|""";

    private BenchmarkReport() {
    }

    static void record(Path file, RelayBenchmark.Result result, String summary) throws IOException {
        if (file == null) {
            return;
        }
        String label = runLabel(result);
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : skeleton();
        if (!text.contains(RESULTS_BEGIN) || !text.contains(RESULTS_END)) {
            text = text.stripTrailing() + "\n\n## Relay benchmark results\n\n" + RESULTS_BEGIN + "\n" + TABLE_HEADER
                    + "\n" + RESULTS_END + "\n";
        }
        if (!text.contains(DETAILS_BEGIN) || !text.contains(DETAILS_END)) {
            text = text.stripTrailing() + "\n\n### Run details (written by RelayBenchmark)\n\n" + DETAILS_BEGIN + "\n"
                    + DETAILS_END + "\n";
        }
        text = withRow(text, result, label);
        text = withDetails(text, label, summary);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        RelayBenchmark.log("results recorded in %s (run '%s')", file, label);
    }

    static String runLabel(RelayBenchmark.Result result) {
        if (result.label != null && !result.label.isBlank()) {
            return result.label.replace("|", "/");
        }
        String mode = "pooled".equals(result.mode) ? "" : "mode " + result.mode + ", ";
        return mode + "batch " + result.batchSize + ", fetch " + result.fetchSize.replaceAll(" .*", "") + ", "
                + result.segments + " segments" + (result.experiment == null ? "" : ", experiment " + result.experiment);
    }

    private static String withRow(String text, RelayBenchmark.Result r, String label) {
        String row = String.format(Locale.ROOT,
                "| %s | %s | %,d | %s | %s | %s | **%,.0f** | %,.0f | %,.0f | %,.0f | %.3f | %,d / %,d%s | %d | %s |",
                r.date + " " + r.time, label + (r.valid ? "" : " (INVALID: fsync off)"), r.events, r.batchSize, r.segments,
                r.fetchSize.replaceAll(" .*", ""), r.relayRate(), r.ackedRate(), r.peakRate(), r.producerRate,
                r.ratio(), r.distinctIds, r.duplicates, r.verified() ? "" : " FAILED", r.cores,
                firstField(r.loadBeforeRelay) + " → " + firstField(r.loadAfterRelay));
        int begin = text.indexOf(RESULTS_BEGIN) + RESULTS_BEGIN.length();
        int end = text.indexOf(RESULTS_END);
        List<String> lines = new ArrayList<>();
        for (String line : text.substring(begin, end).split("\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        if (lines.size() < 2 || !lines.get(0).equals(TABLE_HEADER.split("\n")[0])) {
            lines = new ArrayList<>(List.of(TABLE_HEADER.split("\n")));
        }
        String key = "| " + r.date + " " + r.time + " | " + label;
        boolean replaced = false;
        for (int i = 2; i < lines.size(); i++) {
            if (lines.get(i).startsWith(key + " |") || lines.get(i).startsWith(key + " (INVALID")) {
                lines.set(i, row);
                replaced = true;
            }
        }
        if (!replaced) {
            lines.add(row);
        }
        return text.substring(0, begin) + "\n" + String.join("\n", lines) + "\n" + text.substring(end);
    }

    private static String firstField(String loadavg) {
        return loadavg == null || loadavg.isBlank() ? "?" : loadavg.split(" ")[0];
    }

    private static String withDetails(String text, String label, String summary) {
        String begin = "<!-- relay-bench:run " + label + " -->";
        String end = "<!-- /relay-bench:run " + label + " -->";
        String block = begin + "\n```text\n" + summary + "\n```\n" + end;
        int at = text.indexOf(begin);
        if (at >= 0) {
            int stop = text.indexOf(end, at);
            if (stop >= 0) {
                return text.substring(0, at) + block + text.substring(stop + end.length());
            }
        }
        int insert = text.indexOf(DETAILS_END);
        return text.substring(0, insert) + block + "\n" + text.substring(insert);
    }

    private static String skeleton() {
        return """
                # Benchmarks

                ## Kafka relay: draining a backlog

                See `RelayBenchmark` in partnership-service/src/test/java/com/cspchannel/partnership/bench/.

                ### Results

                """ + RESULTS_BEGIN + "\n" + TABLE_HEADER + "\n" + RESULTS_END + """


                ### Run details (written by RelayBenchmark)

                """ + DETAILS_BEGIN + "\n" + DETAILS_END + "\n";
    }
}
