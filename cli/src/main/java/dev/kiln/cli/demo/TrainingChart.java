package dev.kiln.cli.demo;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** A PNG of a training run: losses on top and accuracies below, one point per epoch (JFreeChart, headless). */
public final class TrainingChart {
    private TrainingChart() {}

    private static final Color TRAINING = new Color(0x1f77b4), VALIDATION = new Color(0xff7f0e);

    /** One epoch's figures. */
    public record Epoch(int number, double trainLoss, double validationLoss, double trainAccuracy, double validationAccuracy) {}

    /** Writes the chart of {@code epochs} to {@code file} as a {@code width x height} PNG. */
    public static void write(List<Epoch> epochs, String title, Path file, int width, int height) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeries trainLoss = new XYSeries("training loss"), validationLoss = new XYSeries("validation loss");
        XYSeries trainAccuracy = new XYSeries("training accuracy"), validationAccuracy = new XYSeries("validation accuracy");
        for (Epoch e : epochs) {
            trainLoss.add(e.number(), e.trainLoss());
            validationLoss.add(e.number(), e.validationLoss());
            trainAccuracy.add(e.number(), 100 * e.trainAccuracy());
            validationAccuracy.add(e.number(), 100 * e.validationAccuracy());
        }
        NumberAxis epochAxis = new NumberAxis("epoch");
        epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochAxis);
        plot.add(subplot(new NumberAxis("cross-entropy loss"), trainLoss, validationLoss), 1);
        NumberAxis percent = new NumberAxis("accuracy (%)");
        percent.setAutoRangeIncludesZero(false);
        plot.add(subplot(percent, trainAccuracy, validationAccuracy), 1);
        ChartUtils.saveChartAsPNG(file.toFile(), new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true), width, height);
    }

    /** Training then validation series, drawn in the same two colours in both subplots. */
    private static XYPlot subplot(NumberAxis axis, XYSeries training, XYSeries validation) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(training);
        data.addSeries(validation);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, TRAINING);
        renderer.setSeriesPaint(1, VALIDATION);
        XYPlot plot = new XYPlot(data, null, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }
}
