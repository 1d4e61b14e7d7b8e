package com.cspchannel.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark's section of docs/benchmarks.md, between {@code <!-- marker:begin -->} and
 * {@code <!-- marker:end -->} (appended to the file when missing). Only the parts between the results and details
 * markers are machine-written: one table row per date, time and run label, and one details block per run label (a
 * rerun with the same label replaces it). Everything else, the section's prose included, is maintained by hand, so
 * a run never rewrites what a person wrote.
 *
 * @param marker      the markers' prefix, e.g. {@code relay-bench}
 * @param title       the section's heading when the section has to be created
 * @param benchmark   the benchmark's class name, for the headings
 * @param tableHeader the results table's header and separator line
 */
record Report(String marker, String title, String benchmark, String tableHeader) {

    private String tag(String part) {
        return "<!-- " + marker + ":" + part + " -->";
    }

    /**
     * Records one run.
     *
     * @param rowKey  the row's first cells ({@code | date time | label}): a row starting with them is replaced
     * @param row     the whole table row
     */
    void record(Path file, String rowKey, String row, String label, String summary) throws IOException {
        if (file == null) {
            return;
        }
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n";
        String end = tag("end");
        if (!text.contains(tag("begin")) || !text.contains(end)) {
            text = text.stripTrailing() + "\n\n" + skeleton();
        }
        int sectionBegin = text.indexOf(tag("begin"));
        int sectionEnd = text.indexOf(end) + end.length();
        String section = text.substring(sectionBegin, sectionEnd);
        if (!section.contains(tag("results:begin")) || !section.contains(tag("results:end"))) {
            section = section.replace(end, results() + "\n" + end);
        }
        if (!section.contains(tag("details:begin")) || !section.contains(tag("details:end"))) {
            section = section.replace(end, details() + "\n" + end);
        }
        section = withRow(section, rowKey, row);
        section = withDetails(section, label, summary);
        text = text.substring(0, sectionBegin) + section + text.substring(sectionEnd);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        BenchmarkHarness.log("results recorded in %s (run '%s')", file, label);
    }

    private String withRow(String text, String key, String row) {
        int begin = text.indexOf(tag("results:begin")) + tag("results:begin").length();
        int end = text.indexOf(tag("results:end"));
        List<String> lines = new ArrayList<>();
        for (String line : text.substring(begin, end).split("\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        String[] header = tableHeader.split("\n");
        if (lines.size() < 2 || !lines.get(0).equals(header[0])) {
            lines = new ArrayList<>(List.of(header));
        }
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

    private String withDetails(String text, String label, String summary) {
        String begin = tag("run " + label);
        String end = "<!-- /" + marker + ":run " + label + " -->";
        String block = begin + "\n```text\n" + summary + "\n```\n" + end;
        int at = text.indexOf(begin);
        if (at >= 0) {
            int stop = text.indexOf(end, at);
            if (stop >= 0) {
                return text.substring(0, at) + block + text.substring(stop + end.length());
            }
        }
        int insert = text.indexOf(tag("details:end"));
        return text.substring(0, insert) + block + "\n" + text.substring(insert);
    }

    private String results() {
        return "### Results\n\n" + tag("results:begin") + "\n" + tableHeader + "\n" + tag("results:end") + "\n";
    }

    private String details() {
        return "### Run details (written by " + benchmark + ")\n\n" + tag("details:begin") + "\n"
                + tag("details:end") + "\n";
    }

    private String skeleton() {
        return tag("begin") + "\n## " + title + "\n\nSee `" + benchmark + "` in the benchmarks module "
                + "(benchmarks/src/main/java/com/cspchannel/benchmarks/).\n\n" + results() + "\n" + details()
                + tag("end") + "\n";
    }
}
