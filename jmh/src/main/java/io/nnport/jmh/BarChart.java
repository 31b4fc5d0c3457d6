package io.nnport.jmh;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A horizontal grouped bar chart drawn with java.awt (headless): one group of bars per category, one
 * bar per series, the value printed at the end of each bar, optional dashed reference lines (a target)
 * either across the whole chart or across one category.
 */
final class BarChart {

    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14),
            new Color(44, 160, 44), new Color(148, 103, 189), new Color(140, 140, 140), new Color(214, 39, 40)};

    private final String title;
    private final String axis;
    private final String valueFormat;
    private final List<String> series = new ArrayList<>();
    private final List<String> categories = new ArrayList<>();
    private final List<double[]> values = new ArrayList<>();
    private final List<double[]> marks = new ArrayList<>();
    private double globalMark = Double.NaN;
    private String globalMarkLabel;
    private String markLegend;

    /**
     * @param valueFormat how bar values are printed, e.g. {@code "%.2f"}
     */
    BarChart(String title, String axis, String valueFormat, String... series) {
        this.title = title;
        this.axis = axis;
        this.valueFormat = valueFormat;
        this.series.addAll(List.of(series));
    }

    /** A category with one value per series (NaN: no bar). */
    BarChart category(String label, double... seriesValues) {
        if (seriesValues.length != series.size()) {
            throw new IllegalArgumentException(label + ": " + seriesValues.length + " values for " + series.size()
                    + " series");
        }
        categories.add(label);
        values.add(seriesValues.clone());
        marks.add(new double[] {Double.NaN});
        return this;
    }

    /** A dashed mark across the last category's bars (its target), named once in the legend. */
    BarChart markLast(double value, String legend) {
        marks.set(marks.size() - 1, new double[] {value});
        markLegend = legend;
        return this;
    }

    /** A dashed vertical line across the chart. */
    BarChart reference(double value, String label) {
        globalMark = value;
        globalMarkLabel = label;
        return this;
    }

    void write(Path png) throws IOException {
        int bar = 18;
        int gap = 14;
        int left = 190;
        int right = 170;
        int top = 60;
        int bottom = 60;
        int groupHeight = bar * series.size() + gap;
        int width = 980;
        int height = top + bottom + groupHeight * categories.size();
        double max = 0;
        for (double[] v : values) {
            for (double x : v) {
                if (!Double.isNaN(x)) {
                    max = Math.max(max, x);
                }
            }
        }
        for (double[] m : marks) {
            if (!Double.isNaN(m[0])) {
                max = Math.max(max, m[0]);
            }
        }
        if (!Double.isNaN(globalMark)) {
            max = Math.max(max, globalMark);
        }
        double xMax = niceCeiling(max * 1.08);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int plotW = width - left - right;
        int plotH = height - top - bottom;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.setColor(Color.BLACK);
        g.drawString(title, left, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        double step = xMax / 5;
        for (int i = 0; i <= 5; i++) {
            int x = left + (int) Math.round(plotW * i / 5.0);
            g.setColor(new Color(228, 228, 228));
            g.drawLine(x, top, x, top + plotH);
            g.setColor(Color.DARK_GRAY);
            String tick = trim(step * i);
            g.drawString(tick, x - g.getFontMetrics().stringWidth(tick) / 2, top + plotH + 16);
        }
        g.drawString(axis, left + plotW / 2 - g.getFontMetrics().stringWidth(axis) / 2, top + plotH + 38);
        g.setColor(Color.BLACK);
        g.drawLine(left, top, left, top + plotH);
        FontMetrics fm = g.getFontMetrics();
        Font plain = g.getFont();
        Font small = plain.deriveFont(11f);
        for (int c = 0; c < categories.size(); c++) {
            int y0 = top + c * groupHeight + gap / 2;
            g.setColor(Color.BLACK);
            g.setFont(plain);
            String label = categories.get(c);
            g.drawString(label, left - 8 - fm.stringWidth(label), y0 + groupHeight / 2);
            double[] v = values.get(c);
            for (int s = 0; s < v.length; s++) {
                if (Double.isNaN(v[s])) {
                    continue;
                }
                int w = (int) Math.round(plotW * v[s] / xMax);
                int y = y0 + s * bar;
                g.setColor(PALETTE[s % PALETTE.length]);
                g.fillRect(left + 1, y, Math.max(w, 1), bar - 3);
                g.setColor(Color.BLACK);
                g.setFont(small);
                g.drawString(String.format(Locale.ROOT, valueFormat, v[s]), left + w + 5, y + bar - 6);
            }
            double mark = marks.get(c)[0];
            if (!Double.isNaN(mark)) {
                int x = left + (int) Math.round(plotW * mark / xMax);
                g.setColor(new Color(200, 0, 0));
                g.setStroke(dashed());
                g.drawLine(x, y0 - 3, x, y0 + bar * v.length);
                g.setStroke(new BasicStroke(1f));
            }
        }
        if (!Double.isNaN(globalMark)) {
            int x = left + (int) Math.round(plotW * globalMark / xMax);
            g.setColor(new Color(200, 0, 0));
            g.setStroke(dashed());
            g.drawLine(x, top, x, top + plotH);
            g.setStroke(new BasicStroke(1f));
            g.setFont(small);
            g.drawString(globalMarkLabel, x + 4, top - 6);
        }
        g.setFont(plain);
        int ly = top + 10;
        for (int s = 0; s < series.size(); s++) {
            g.setColor(PALETTE[s % PALETTE.length]);
            g.fillRect(width - right + 20, ly - 10, 14, 12);
            g.setColor(Color.BLACK);
            g.drawString(series.get(s), width - right + 40, ly);
            ly += 20;
        }
        if (markLegend != null) {
            g.setColor(new Color(200, 0, 0));
            g.setStroke(dashed());
            g.drawLine(width - right + 20, ly - 4, width - right + 34, ly - 4);
            g.setColor(Color.BLACK);
            g.drawString(markLegend, width - right + 40, ly);
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static BasicStroke dashed() {
        return new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code x}. */
    private static double niceCeiling(double x) {
        if (!(x > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(x)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= x) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
