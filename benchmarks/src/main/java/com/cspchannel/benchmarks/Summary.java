package com.cspchannel.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The block a run prints and keeps in the report: one aligned {@code key value} line per row, then the progress
 * timelines (the plots of the text report: one point a second, so a stall or a slow start shows).
 */
final class Summary {

    private final String title;
    private final int keyWidth;
    private final Map<String, String> rows = new LinkedHashMap<>();
    private final List<String> timelines = new ArrayList<>();

    Summary(String title, int keyWidth) {
        this.title = title;
        this.keyWidth = keyWidth;
    }

    Summary row(String key, String value) {
        rows.put(key, value);
        return this;
    }

    /** Points as {@code seconds:value}, {@code perLine} to a line. */
    Summary timeline(String heading, List<String> points, int perLine) {
        StringBuilder out = new StringBuilder(heading).append("\n ");
        int n = 0;
        for (String point : points) {
            if (point.isBlank()) {
                continue;
            }
            out.append(' ').append(point);
            if (++n % perLine == 0) {
                out.append("\n ");
            }
        }
        timelines.add(out.toString().stripTrailing());
        return this;
    }

    String text() {
        StringBuilder out = new StringBuilder("=== ").append(title).append(" ===\n");
        rows.forEach((k, v) -> out.append(String.format(Locale.ROOT, "%-" + keyWidth + "s %s%n", k, v)));
        out.append(String.join("\n", timelines));
        return out.toString().stripTrailing();
    }
}
