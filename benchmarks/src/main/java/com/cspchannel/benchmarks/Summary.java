package com.cspchannel.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
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
    private final Map<String, List<double[]>> rates = new LinkedHashMap<>();

    Summary(String title, int keyWidth) {
        this.title = title;
        this.keyWidth = keyWidth;
    }

    Summary row(String key, String value) {
        rows.put(key, value);
        return this;
    }

    /** Points as {@code seconds:value} (a running count), {@code perLine} to a line. */
    Summary timeline(String heading, List<String> points, int perLine) {
        StringBuilder out = new StringBuilder(heading).append("\n ");
        int n = 0;
        List<double[]> rate = new ArrayList<>();
        double[] previous = null;
        for (String point : points) {
            if (point.isBlank()) {
                continue;
            }
            String[] xy = point.split(":");
            double[] current = {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
            if (previous != null && current[0] > previous[0] && previous[1] >= 0) {
                rate.add(new double[] {current[0], (current[1] - previous[1]) / (current[0] - previous[0])});
            }
            previous = current;
            out.append(' ').append(point);
            if (++n % perLine == 0) {
                out.append("\n ");
            }
        }
        timelines.add(out.toString().stripTrailing());
        rates.put(heading.replaceFirst(" \\(.*", ""), rate);
        return this;
    }

    /**
     * Draws the timelines as rates (their increase per second between two points) into {@code name}.png in
     * docs/benchmarks/, unless results are not written.
     */
    Summary plotRates(String name, String title, String unitPerSecond) {
        Path dir = Plots.directory();
        try {
            if (dir != null) {
                Plots.lines(dir.resolve(name.replaceAll("[^A-Za-z0-9.-]+", "-") + ".png"), title, "seconds",
                        unitPerSecond, rates);
            }
        } catch (IOException e) {
            BenchmarkHarness.warn("could not write the plot " + name + ": " + e.getMessage());
        }
        return this;
    }

    String text() {
        StringBuilder out = new StringBuilder("=== ").append(title).append(" ===\n");
        rows.forEach((k, v) -> out.append(String.format(Locale.ROOT, "%-" + keyWidth + "s %s%n", k, v)));
        out.append(String.join("\n", timelines));
        return out.toString().stripTrailing();
    }
}
