package com.cspchannel.partnership.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link RebuildBenchmark} result into docs/benchmarks.md, inside the section between
 * {@code <!-- rebuild-bench:begin -->} and {@code <!-- rebuild-bench:end -->} (appended to the file when missing).
 * Only the parts between the results and details markers are machine-written: one table row per date, time and
 * run label, and one details block per run label (a rerun with the same label replaces it). The rest of the file,
 * including the prose of the section, is maintained by hand.
 */
final class RebuildReport {

    static final String SECTION_BEGIN = "<!-- rebuild-bench:begin -->";
    static final String SECTION_END = "<!-- rebuild-bench:end -->";
    static final String RESULTS_BEGIN = "<!-- rebuild-bench:results:begin -->";
    static final String RESULTS_END = "<!-- rebuild-bench:results:end -->";
    static final String DETAILS_BEGIN = "<!-- rebuild-bench:details:begin -->";
    static final String DETAILS_END = "<!-- rebuild-bench:details:end -->";
    static final String TABLE_HEADER = """
            | Date (UTC) | Run | events (records) | rebuild events/s: start → completed \
            | rebuild events/s: start → all applied | live catch-up events/s | ConsumerPerformance records/s \
            | ratio rebuild/consumer | service heap: -Xmx / peak used / max after GC | rebuilt = live \
            | cores | load avg (1 min) at service start |
            |---|---|---:|---:|---:|---:|---:|---:|---|---|---:|---:|""";

    private RebuildReport() {
    }

    static void record(Path file, RebuildBenchmark.Result result, String summary) throws IOException {
        if (file == null) {
            return;
        }
        String label = label(result);
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n";
        if (!text.contains(SECTION_BEGIN) || !text.contains(SECTION_END)) {
            text = text.stripTrailing() + "\n\n" + skeleton();
        }
        int sectionBegin = text.indexOf(SECTION_BEGIN);
        int sectionEnd = text.indexOf(SECTION_END) + SECTION_END.length();
        String section = text.substring(sectionBegin, sectionEnd);
        if (!section.contains(RESULTS_BEGIN) || !section.contains(RESULTS_END)) {
            section = section.replace(SECTION_END, "### Results\n\n" + RESULTS_BEGIN + "\n" + TABLE_HEADER + "\n"
                    + RESULTS_END + "\n" + SECTION_END);
        }
        if (!section.contains(DETAILS_BEGIN) || !section.contains(DETAILS_END)) {
            section = section.replace(SECTION_END, "### Run details (written by RebuildBenchmark)\n\n" + DETAILS_BEGIN
                    + "\n" + DETAILS_END + "\n" + SECTION_END);
        }
        section = withRow(section, result, label);
        section = withDetails(section, label, summary);
        text = text.substring(0, sectionBegin) + section + text.substring(sectionEnd);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        RebuildBenchmark.log("results recorded in %s (run '%s')", file, label);
    }

    static String label(RebuildBenchmark.Result result) {
        String label = result.label == null || result.label.isBlank() ? "default" : result.label;
        return label.replace("|", "/");
    }

    private static String withRow(String text, RebuildBenchmark.Result r, String label) {
        String row = String.format(Locale.ROOT,
                "| %s | %s | %,d (%,d) | **%,.0f** | %,.0f | %,.0f | %,.0f | %.3f | %s / %.0f MiB / %d MiB | %s | %d | %s |",
                r.date + " " + r.time, label + (r.valid ? "" : " (INVALID: fsync off)"), r.produced.events,
                r.produced.records, r.rebuildRate(), r.rebuildAppliedRate(), r.liveRate(), r.consumerPerfRate,
                r.ratio(), "-Xmx" + r.service.getProperty("heap.max-mib", "?").replaceAll("\\..*", "") + "m",
                r.rebuildPeakHeapMib(), r.gcRebuild.maxAfterMib, r.verified() ? "yes" : "**NO**", r.cores,
                r.loadBeforeService == null ? "?" : r.loadBeforeService.split(" ")[0]);
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

    private static String withDetails(String text, String label, String summary) {
        String begin = "<!-- rebuild-bench:run " + label + " -->";
        String end = "<!-- /rebuild-bench:run " + label + " -->";
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
        return SECTION_BEGIN + """

                ## Reseller associations view: rebuild from 1,000,000 events

                See `RebuildBenchmark` in partnership-service/src/test/java/com/cspchannel/partnership/bench/.

                ### Results

                """ + RESULTS_BEGIN + "\n" + TABLE_HEADER + "\n" + RESULTS_END + """


                ### Run details (written by RebuildBenchmark)

                """ + DETAILS_BEGIN + "\n" + DETAILS_END + "\n" + SECTION_END + "\n";
    }
}
