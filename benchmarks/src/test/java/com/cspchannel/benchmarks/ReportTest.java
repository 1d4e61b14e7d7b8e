package com.cspchannel.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A run must only ever touch its own rows and details blocks: the rest of docs/benchmarks.md is written by hand. */
class ReportTest {

    private static final Report REPORT = new Report("demo-bench", "Demo", "DemoBenchmark", """
            | Date (UTC) | Run | rate |
            |---|---|---:|""");

    @TempDir
    Path dir;

    @Test
    void createsTheSectionThenReplacesTheRowAndDetailsOfARerun() throws Exception {
        Path file = dir.resolve("benchmarks.md");
        Files.writeString(file, "# Benchmarks\n\nProse written by hand.\n");

        REPORT.record(file, "| 2026-01-01 10:00Z | a", "| 2026-01-01 10:00Z | a | 1 |", "a", "first");
        REPORT.record(file, "| 2026-01-01 11:00Z | b", "| 2026-01-01 11:00Z | b | 2 |", "b", "other");
        REPORT.record(file, "| 2026-01-01 10:00Z | a", "| 2026-01-01 10:00Z | a | 3 |", "a", "again");

        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).startsWith("# Benchmarks\n\nProse written by hand.\n\n<!-- demo-bench:begin -->\n## Demo\n")
                .contains("| Date (UTC) | Run | rate |\n|---|---|---:|\n| 2026-01-01 10:00Z | a | 3 |\n"
                        + "| 2026-01-01 11:00Z | b | 2 |\n<!-- demo-bench:results:end -->")
                .contains("<!-- demo-bench:run a -->\n```text\nagain\n```\n<!-- /demo-bench:run a -->")
                .contains("<!-- demo-bench:run b -->\n```text\nother\n```\n<!-- /demo-bench:run b -->")
                .doesNotContain("first")
                .endsWith("<!-- demo-bench:details:end -->\n<!-- demo-bench:end -->\n");
    }

    @Test
    void aRunChangesNothingOfTheCheckedInReportOutsideItsMarkers() throws Exception {
        Path copy = dir.resolve("benchmarks.md");
        Files.copy(Path.of("..", "docs", "benchmarks.md"), copy);
        String before = Files.readString(copy, StandardCharsets.UTF_8);

        for (Report report : new Report[] {RelayBenchmark.REPORT, RebuildBenchmark.REPORT}) {
            String header = report.tableHeader().split("\n")[0];
            assertThat(before).as("the results table of " + report.benchmark()).contains(header);
            report.record(copy, "| 2000-01-01 00:00Z | check", "| 2000-01-01 00:00Z | check | row |", "check",
                    report.benchmark() + " summary");
        }

        String after = Files.readString(copy, StandardCharsets.UTF_8);
        String added = "| 2000-01-01 00:00Z | check | row |\n";
        String details = "\n```text\n%s summary\n```\n<!-- /%s:run check -->\n";
        String expected = before
                .replace("\n<!-- relay-bench:results:end -->", "\n" + added + "<!-- relay-bench:results:end -->")
                .replace("\n<!-- relay-bench:details:end -->", "\n<!-- relay-bench:run check -->"
                        + details.formatted("RelayBenchmark", "relay-bench") + "<!-- relay-bench:details:end -->")
                .replace("\n<!-- rebuild-bench:results:end -->", "\n" + added + "<!-- rebuild-bench:results:end -->")
                .replace("\n<!-- rebuild-bench:details:end -->", "\n<!-- rebuild-bench:run check -->"
                        + details.formatted("RebuildBenchmark", "rebuild-bench") + "<!-- rebuild-bench:details:end -->");
        assertThat(after).isEqualTo(expected);
    }
}
