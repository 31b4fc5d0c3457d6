package io.nnport.jmh;

import io.nnport.kernels.gemm.GemmVariant;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.openjdk.jmh.results.RunResult;

/**
 * Turns the kernel benchmark results into a markdown table (GFLOP/s, fraction of the same run's
 * peak, speed-up over the scalar twin; GEMV in GB/s against the streaming bandwidth) and a PNG
 * chart of SGEMM GFLOP/s against size, drawn with java.awt (headless).
 */
final class KernelReport {

    private static final String[] SQUARE = {"64", "128", "256", "512", "1024", "2048"};

    private final List<KernelBenchmarks.WidthResults> runs;
    /** When and where the runs were made: start time, processor, {@code lscpu} summary. */
    private final String ranOn;

    KernelReport(List<KernelBenchmarks.WidthResults> runs, String ranOn) {
        this.runs = runs;
        this.ranOn = ranOn;
    }

    /** Microseconds per call of the first result matching benchmark, shape and variant, or NaN. */
    private static double micros(List<RunResult> results, String benchmark, String shape, String variant) {
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            if (name.endsWith("." + benchmark) && (shape == null || shape.equals(r.getParams().getParam("shape")))
                    && (variant == null || variant.equals(r.getParams().getParam("variant")))) {
                return r.getPrimaryResult().getScore();
            }
        }
        return Double.NaN;
    }

    /** The peak probe's 99.9% error as a fraction of its score: ratios are no better than this. */
    private static double probeError(List<RunResult> results) {
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().endsWith(".fma")) {
                return r.getPrimaryResult().getScoreError() / r.getPrimaryResult().getScore();
            }
        }
        return Double.NaN;
    }

    /** GB/s of the bandwidth probe over {@code mebibytes}, or NaN. */
    private static double bandwidth(List<RunResult> results, int mebibytes) {
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().endsWith(".streamSum")
                    && Integer.toString(mebibytes).equals(r.getParams().getParam("mebibytes"))) {
                return MemoryBandwidthBenchmark.bytes(mebibytes) / r.getPrimaryResult().getScore() / 1e3;
            }
        }
        return Double.NaN;
    }

    private static double peak(KernelBenchmarks.WidthResults run) {
        return PeakFmaBenchmark.flops(run.maxBits()) / micros(run.results(), "fma", null, null) / 1e3;
    }

    private static String fmt(double value, String pattern) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, pattern, value);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Kernel benchmarks\n\n");
        md.append("Ran ").append(ranOn).append(".\n\n");
        md.append("One thread, JMH average time (1 fork, 4 x 1 s warm-up, 5 x 1 s measurement), ")
                .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"))
                .append(". GFLOP/s = 2 m n k / time; \"of peak\" divides by the peak-FMA probe of the same run ")
                .append("and width; \"vs scalar\" by the scalar twin on the same shape.\n");
        for (KernelBenchmarks.WidthResults run : runs) {
            List<RunResult> results = run.results();
            double peak = peak(run);
            md.append("\n## ").append(run.maxBits()).append("-bit vectors\n\n");
            md.append(String.format(Locale.ROOT, "Peak-FMA probe: **%.1f GFLOP/s** (time +-%.0f%%)", peak,
                    100 * probeError(run.results())));
            double bw = bandwidth(results, 256);
            if (!Double.isNaN(bw)) {
                md.append(String.format(Locale.ROOT, "; streaming-read bandwidth probe: **%.1f GB/s** over 4 MiB, "
                        + "**%.1f GB/s** over 34 MiB, **%.1f GB/s** over 256 MiB (memory)", bandwidth(results, 4),
                        bandwidth(results, 34), bw));
            }
            md.append(".\n\n");
            md.append("| kernel | shape | variant | time (us) | GFLOP/s | of peak | vs scalar |\n");
            md.append("|---|---|---|---:|---:|---:|---:|\n");
            List<String> shapes = new ArrayList<>(List.of(SQUARE));
            shapes.add("CHARCNN_CONV1");
            shapes.add("CHARCNN_CONV2");
            for (String shape : shapes) {
                rows(md, results, "sgemm", "sgemm", shape, gemmLabel(shape), SgemmBenchmark.flops(shape), peak);
            }
            for (String shape : new String[] {"CHARCNN_CONV1", "CHARCNN_CONV2"}) {
                rows(md, results, "conv1d", "conv1d", shape, gemmLabel(shape), SgemmBenchmark.flops(shape), peak);
            }
            for (GroupedConvBenchmark.Layer layer : GroupedConvBenchmark.Layer.values()) {
                String label = layer.name().toLowerCase(Locale.ROOT) + " (" + layer.size + "x" + layer.size + "x"
                        + layer.cin + " k=" + layer.kernel + " G=" + layer.groups + " -> " + layer.cout + ")";
                rows(md, results, "conv2d", "grouped conv2d", layer.name(), label, layer.flops(), peak);
            }
            if (!Double.isNaN(bw)) {
                md.append("\nGEMV reads its packed weights once per call; \"of bandwidth\" divides its weight traffic by ")
                        .append("the probe over the same footprint (fc1: 34 MiB, fc2: 4 MiB).\n\n");
                md.append("| GEMV (batch-1 dense) | variant | time (us) | GFLOP/s | weights GB/s | of bandwidth | vs scalar |\n");
                md.append("|---|---|---:|---:|---:|---:|---:|\n");
                for (String shape : new String[] {"CHARCNN_FC1", "CHARCNN_FC2"}) {
                    KernelShapes s = KernelShapes.valueOf(shape);
                    double bound = bandwidth(results, s == KernelShapes.CHARCNN_FC1 ? 34 : 4);
                    double scalar = micros(results, "gemv", shape, "SCALAR");
                    for (GemmVariant variant : GemmVariant.available()) {
                        double us = micros(results, "gemv", shape, variant.name());
                        if (Double.isNaN(us)) {
                            continue;
                        }
                        double gbs = GemvBenchmark.bytes(shape, variant.nr()) / us / 1e3;
                        md.append("| ").append(shape.toLowerCase(Locale.ROOT)).append(" ").append(s.k).append("->")
                                .append(s.n).append(" | ").append(variant).append(" | ").append(fmt(us, "%.1f"))
                                .append(" | ").append(fmt(2.0 * s.k * s.n / us / 1e3, "%.1f")).append(" | ")
                                .append(fmt(gbs, "%.1f")).append(" | ").append(fmt(gbs / bound, "%.2f")).append(" | ")
                                .append(fmt(scalar / us, "%.1fx")).append(" |\n");
                    }
                }
            }
            twinRows(md, results);
        }
        return md.toString();
    }

    /** Softmax, activations, max pooling and nearest resize: the vector facade against its scalar twin, same shape. */
    private static void twinRows(StringBuilder md, List<RunResult> results) {
        StringBuilder rows = new StringBuilder();
        for (RunResult r : results) {
            String impl = r.getParams().getParam("impl");
            if (!"VECTOR".equals(impl)) {
                continue;
            }
            String benchmark = r.getParams().getBenchmark();
            String kernel = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String shape = firstNonNull(r.getParams().getParam("shape"), r.getParams().getParam("activation"),
                    "[1008, 256] pool 3 stride 3");
            double vector = r.getPrimaryResult().getScore();
            double scalar = Double.NaN;
            for (RunResult twin : results) {
                if (twin.getParams().getBenchmark().equals(benchmark)
                        && "SCALAR".equals(twin.getParams().getParam("impl"))
                        && Objects.equals(twin.getParams().getParam("shape"), r.getParams().getParam("shape"))
                        && Objects.equals(twin.getParams().getParam("activation"),
                                r.getParams().getParam("activation"))) {
                    scalar = twin.getPrimaryResult().getScore();
                }
            }
            String unit = r.getPrimaryResult().getScoreUnit().replace("/op", "");
            rows.append("| ").append(kernel).append(" | ").append(shape.toLowerCase(Locale.ROOT)).append(" | ")
                    .append(fmt(vector, "%.3f")).append(' ').append(unit).append(" | ")
                    .append(fmt(scalar, "%.3f")).append(' ').append(unit).append(" | ")
                    .append(fmt(scalar / vector, "%.1fx")).append(" |\n");
        }
        if (rows.length() > 0) {
            md.append("\nSoftmax (along the last axis), activations (over 1M floats), charCNN's first max pooling and ")
                    .append("YOLOv3's 2x nearest upsamplings: ")
                    .append("the vector facade against its scalar twin on the same data.\n\n");
            md.append("| kernel | shape | vector | scalar twin | vs scalar |\n|---|---|---:|---:|---:|\n").append(rows);
        }
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** A GEMM shape as the table names it: 512^3, or charcnn_conv1 (M=.. K=.. N=..). */
    private static String gemmLabel(String shape) {
        int[] d = SgemmBenchmark.dims(shape);
        return Character.isDigit(shape.charAt(0)) ? shape + "^3"
                : shape.toLowerCase(Locale.ROOT) + " (M=" + d[0] + " K=" + d[1] + " N=" + d[2] + ")";
    }

    private static void rows(StringBuilder md, List<RunResult> results, String benchmark, String kernel, String shape,
                             String label, double flops, double peak) {
        double scalar = micros(results, benchmark, shape, "SCALAR");
        for (GemmVariant variant : GemmVariant.available()) {
            double us = micros(results, benchmark, shape, variant.name());
            if (Double.isNaN(us)) {
                continue;
            }
            double gflops = flops / us / 1e3;
            md.append("| ").append(kernel).append(" | ").append(label).append(" | ").append(variant).append(" | ")
                    .append(fmt(us, "%.1f")).append(" | ").append(fmt(gflops, "%.1f")).append(" | ")
                    .append(fmt(gflops / peak, "%.2f")).append(" | ")
                    .append(variant == GemmVariant.SCALAR ? "1.0x" : fmt(scalar / us, "%.1fx")).append(" |\n");
        }
    }

    /** SGEMM GFLOP/s against size at the preferred width: one line per variant, the peak dashed. */
    void chart(Path png) throws IOException {
        List<RunResult> results = runs.get(0).results();
        double peak = peak(runs.get(0));
        Map<String, double[]> lines = new LinkedHashMap<>();
        for (GemmVariant variant : GemmVariant.available()) {
            double[] values = new double[SQUARE.length];
            for (int i = 0; i < SQUARE.length; i++) {
                values[i] = SgemmBenchmark.flops(SQUARE[i]) / micros(results, "sgemm", SQUARE[i], variant.name()) / 1e3;
            }
            lines.put(variant.name(), values);
        }
        int width = 900;
        int height = 560;
        int left = 80;
        int right = 180;
        int top = 50;
        int bottom = 70;
        double yMax = Math.ceil(peak * 1.1 / 20) * 20;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int plotW = width - left - right;
        int plotH = height - top - bottom;
        g.setColor(new Color(225, 225, 225));
        for (int tick = 0; tick <= yMax; tick += 20) {
            int y = top + plotH - (int) (plotH * tick / yMax);
            g.drawLine(left, y, left + plotW, y);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, plotW, plotH);
        for (int tick = 0; tick <= yMax; tick += 20) {
            int y = top + plotH - (int) (plotH * tick / yMax);
            g.drawString(Integer.toString(tick), left - 35, y + 5);
        }
        for (int i = 0; i < SQUARE.length; i++) {
            g.drawString(SQUARE[i], x(i, left, plotW) - 12, top + plotH + 20);
        }
        g.drawString("n (square SGEMM n x n x n, bias + ReLU, 1 thread, " + runs.get(0).maxBits() + "-bit)",
                left + 140, height - 20);
        g.drawString("GFLOP/s", 10, top - 15);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString("nnport SGEMM vs size", left + 250, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        Color[] colors = {Color.GRAY, new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44),
                new Color(148, 103, 189)};
        int legend = 0;
        int yPeak = top + plotH - (int) (plotH * peak / yMax);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
        g.drawLine(left, yPeak, left + plotW, yPeak);
        g.drawString(String.format(Locale.ROOT, "peak-FMA probe %.0f GFLOP/s", peak), left + 10, yPeak - 6);
        for (Map.Entry<String, double[]> line : lines.entrySet()) {
            Color color = colors[legend % colors.length];
            g.setColor(color);
            g.setStroke(new BasicStroke(2.5f));
            double[] values = line.getValue();
            int prevX = -1;
            int prevY = -1;
            for (int i = 0; i < values.length; i++) {
                if (Double.isNaN(values[i])) {
                    continue;
                }
                int x = x(i, left, plotW);
                int y = top + plotH - (int) (plotH * values[i] / yMax);
                g.fillOval(x - 4, y - 4, 8, 8);
                if (prevX >= 0) {
                    g.drawLine(prevX, prevY, x, y);
                }
                prevX = x;
                prevY = y;
            }
            g.drawString(line.getKey(), left + plotW + 10, top + 20 + 20 * legend);
            legend++;
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static int x(int i, int left, int plotW) {
        return left + 30 + (plotW - 60) * i / (SQUARE.length - 1);
    }
}
