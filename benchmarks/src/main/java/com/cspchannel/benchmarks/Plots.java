package com.cspchannel.benchmarks;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The PNG plots of docs/benchmarks/: line charts of a run's series, drawn headless with JFreeChart. */
final class Plots {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;

    /**
     * Draws one chart with a line per series.
     *
     * @param series each series' points as {x, y}, in the order they are drawn
     */
    static void lines(Path file, String title, String xLabel, String yLabel, Map<String, List<double[]>> series)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection data = new XYSeriesCollection();
        series.forEach((name, points) -> {
            XYSeries line = new XYSeries(name, false, true);
            points.forEach(point -> line.add(point[0], point[1]));
            data.addSeries(line);
        });
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        Files.createDirectories(file.toAbsolutePath().getParent());
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        BenchmarkHarness.log("plot written: %s", file);
    }

    /** docs/benchmarks/ of the checkout, beside the report; null when results are not written. */
    static Path directory() {
        Path report = BenchmarkHarness.reportFile();
        return report == null ? null : report.toAbsolutePath().getParent().resolve("benchmarks");
    }

    private Plots() {
    }
}
