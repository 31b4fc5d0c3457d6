package io.nnport.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link OnnxModelBenchmark} (jmh/run-onnx.sh): nnport against ONNX Runtime Java on the PyTorch
 * samples, batch 1 and 32, 1 and 2 threads, all in one run, and writes under the results directory
 * onnx.json (JMH's JSON) and onnx.md: per model, batch and threads, the average milliseconds of each
 * engine and their ratio, against the target of nnport / ONNX Runtime &lt;= {@value #TARGET_RATIO} at
 * batch 1 with 1 thread, with the load average before and after the run.
 *
 * <p>Arguments: {@code [results-dir] [--quick]}. The settings are short (3 x 1 s warm-up, 5 x 1 s
 * measured, one fork) so the run fits a shared machine's quiet minutes; {@code --quick} takes one
 * 200 ms iteration of each (a smoke test, numbers meaningless).
 */
public final class OnnxBenchmarks {

    /** The target of nnport's time over ONNX Runtime's, at batch 1 with 1 thread. */
    static final double TARGET_RATIO = 0.8;

    private OnnxBenchmarks() {}

    public static void main(String[] args) throws IOException, RunnerException {
        Path dir = Path.of(args.length > 0 && !args[0].startsWith("--") ? args[0] : "jmh/results");
        boolean quick = Arrays.asList(args).contains("--quick");
        Files.createDirectories(dir);
        Path json = dir.resolve("onnx.json");
        String loadBefore = ModelBenchmarks.loadAverage();
        Instant start = Instant.now();
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include("^" + OnnxModelBenchmark.class.getName().replace(".", "\\.") + "\\.")
                .forks(1)
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.milliseconds(quick ? 200 : 1000))
                .measurementIterations(quick ? 1 : 5)
                .measurementTime(TimeValue.milliseconds(quick ? 200 : 1000))
                .jvmArgsAppend("--add-modules", "jdk.incubator.vector", "-Xmx4g")
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .build()).run();
        Instant end = Instant.now();
        String loadAfter = ModelBenchmarks.loadAverage();
        Files.writeString(dir.resolve("onnx.md"), report(results, start, end, loadBefore, loadAfter, quick));
    }

    /** The summary table: one row per model, batch and threads. */
    static String report(Collection<RunResult> results, Instant start, Instant end, String loadBefore, String loadAfter,
            boolean quick) {
        // model, batch, threads -> engine -> ms
        Map<String, Map<String, double[]>> rows = new TreeMap<>();
        for (RunResult run : results) {
            var params = run.getParams();
            String key = String.format(Locale.ROOT, "%s|%3s|%s", params.getParam("model"), params.getParam("batch"),
                    params.getParam("threads"));
            String label = params.getBenchmark();
            String engine = label.substring(label.lastIndexOf('.') + 1);
            rows.computeIfAbsent(key, k -> new TreeMap<>()).put(engine, new double[] {
                    run.getPrimaryResult().getScore(), run.getPrimaryResult().getScoreError()});
        }
        StringBuilder md = new StringBuilder("# nnport against ONNX Runtime Java: the PyTorch samples\n\n");
        md.append("`jmh/run-onnx.sh` (`OnnxBenchmarks`, `OnnxModelBenchmark`), ")
                .append(quick ? "`--quick`: one 200 ms iteration of each, the numbers are meaningless. "
                        : "one fork, 3 x 1 s warm-up, 5 x 1 s measured. ")
                .append("Average time per prediction (± JMH's 99.9% error where it has one).\n")
                .append("Both engines on the same seeded input (batch 32: the batch-7 reference rows repeated), ")
                .append("ONNX Runtime's output checked against nnport's before timing. ")
                .append(String.format(Locale.ROOT, "Target: nnport / ONNX Runtime <= %.1f at batch 1, 1 thread.%n%n",
                        TARGET_RATIO));
        md.append("Run ").append(start.truncatedTo(ChronoUnit.SECONDS)).append(" to ").append(end.truncatedTo(ChronoUnit.SECONDS))
                .append(" on a shared 2-core machine; load average (/proc/loadavg) before: `").append(loadBefore)
                .append("`, after: `").append(loadAfter).append("`.\n\n");
        md.append("| model | batch | threads | nnport ms | ONNX Runtime ms | nnport / ORT | target |\n");
        md.append("|---|---:|---:|---:|---:|---:|---|\n");
        for (Map.Entry<String, Map<String, double[]>> row : rows.entrySet()) {
            String[] key = row.getKey().split("\\|");
            double[] nnport = row.getValue().get("nnport");
            double[] ort = row.getValue().get("onnxruntime");
            if (nnport == null || ort == null) {
                continue;
            }
            double ratio = nnport[0] / ort[0];
            boolean targeted = key[1].strip().equals("1") && key[2].equals("1");
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.2f | %s |%n", key[0],
                    key[1].strip(), key[2], millis(nnport), millis(ort), ratio,
                    targeted ? (ratio <= TARGET_RATIO ? "met" : "missed") : ""));
        }
        return md.toString();
    }

    /** A score and its error, {@code 1.234 ± 0.005}; the score alone when JMH gives no error (one iteration). */
    private static String millis(double[] scoreAndError) {
        return Double.isNaN(scoreAndError[1]) ? String.format(Locale.ROOT, "%.3f", scoreAndError[0])
                : String.format(Locale.ROOT, "%.3f ± %.3f", scoreAndError[0], scoreAndError[1]);
    }
}
