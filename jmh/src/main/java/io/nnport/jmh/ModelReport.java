package io.nnport.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Turns models.json, models-memory.json, models-coldstart.json and models-runs.json into the
 * markdown summary models.md and its PNG charts. Everything it prints is computed from those files;
 * the speed targets are the only constants ({@link #TARGETS}, {@link #COLD_START_TARGET}).
 */
final class ModelReport {

    /** The issue's speed targets for charCNN: nnport time / TensorFlow Java time, same run, same threads. */
    record Target(int batch, int threads, double maxRatio, double issueTfMillis) {}

    static final List<Target> TARGETS = List.of(new Target(1, 1, 0.70, 10.4), new Target(1, 2, 0.60, 7.9),
            new Target(32, 1, 0.90, 225), new Target(32, 2, 0.95, 120));

    /** Cold start to first prediction: at most half of TensorFlow Java's. */
    static final double COLD_START_TARGET = 0.5;

    private static final int[] BATCHES = {1, 32};
    private static final int[] THREADS = {1, 2};

    private final List<JsonNode> runs = new ArrayList<>();
    private final JsonNode memory;
    private final JsonNode coldStart;
    private final JsonNode groups;
    private final JsonNode tfLayers;
    private final JsonNode allocation;

    private ModelReport(JsonNode jmh, JsonNode memory, JsonNode coldStart, JsonNode groups, JsonNode tfLayers,
                        JsonNode allocation) {
        if (jmh != null) {
            jmh.forEach(runs::add);
        }
        this.memory = memory;
        this.coldStart = coldStart;
        this.groups = groups;
        this.tfLayers = tfLayers;
        this.allocation = allocation;
    }

    static ModelReport read(Path dir) throws IOException {
        return new ModelReport(tree(dir.resolve("models.json")), tree(dir.resolve("models-memory.json")),
                tree(dir.resolve("models-coldstart.json")), tree(dir.resolve("models-runs.json")),
                tree(dir.resolve("models-tflayers.json")), tree(dir.resolve("models-allocation.json")));
    }

    private static JsonNode tree(Path file) throws IOException {
        return Files.exists(file) ? new ObjectMapper().readTree(file.toFile()) : null;
    }

    // ------------------------------------------------------------------ looking results up

    /** One JMH result: score and 99.9% error in the run's unit; in sample mode p50, p99 and samples. */
    record Result(double score, double error, String unit, double p50, double p99, long samples, double bytesPerOp,
                  String jvm) {
        double relativeError() {
            return error / score;
        }

        /** The score in milliseconds, whatever the unit. */
        double millis() {
            return toMillis(score);
        }

        double toMillis(double value) {
            return switch (unit) {
                case "ms/op" -> value;
                case "us/op" -> value / 1e3;
                case "ns/op" -> value / 1e6;
                case "s/op" -> value * 1e3;
                default -> throw new IllegalStateException("unit " + unit);
            };
        }
    }

    private static final Result NONE = new Result(Double.NaN, Double.NaN, "ms/op", Double.NaN, Double.NaN, 0,
            Double.NaN, "");

    /** The run of {@code group} whose method, mode and the given parameters match, or {@link #NONE}. */
    private Result find(String group, String method, String mode, String... params) {
        for (JsonNode run : runs) {
            if (!group.equals(run.path(ModelBenchmarks.GROUP_FIELD).asText())
                    || !run.path("benchmark").asText().endsWith("." + method)
                    || !mode.equals(run.path("mode").asText())) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < params.length; i += 2) {
                match &= params[i + 1].equals(run.path("params").path(params[i]).asText());
            }
            if (match) {
                return result(run);
            }
        }
        return NONE;
    }

    private static Result result(JsonNode run) {
        JsonNode primary = run.path("primaryMetric");
        long samples = 0;
        for (JsonNode fork : primary.path("rawDataHistogram")) {
            for (JsonNode iteration : fork) {
                for (JsonNode bucket : iteration) {
                    samples += bucket.get(1).asLong();
                }
            }
        }
        double bytes = Double.NaN;
        var secondary = run.path("secondaryMetrics").fields();
        while (secondary.hasNext()) {
            var metric = secondary.next();
            if (metric.getKey().endsWith("gc.alloc.rate.norm")) {
                bytes = metric.getValue().path("score").asDouble();
            }
        }
        return new Result(primary.path("score").asDouble(), primary.path("scoreError").asDouble(Double.NaN),
                primary.path("scoreUnit").asText(), primary.path("scorePercentiles").path("50.0").asDouble(Double.NaN),
                primary.path("scorePercentiles").path("99.0").asDouble(Double.NaN), samples, bytes,
                run.path("vmName").asText() + " " + run.path("jdkVersion").asText());
    }

    private Result model(String group, String engine, String mode, String model, int batch, int threads) {
        return find(group, engine, mode, "model", model, "batch", Integer.toString(batch), "threads",
                Integer.toString(threads));
    }

    private Result layer(CharcnnLayer layer, int batch, int threads) {
        boolean team = layer.kind == CharcnnLayer.Kind.CONV || layer.kind == CharcnnLayer.Kind.DENSE;
        return find("layers", "layer", "avgt", "layer", layer.name(), "batch", Integer.toString(batch), "threads",
                Integer.toString(team ? threads : 1));
    }

    /** GFLOP/s of one core from the layer run's peak-FMA probe (at the preferred width). */
    private double peakGflops() {
        for (JsonNode run : runs) {
            if ("layers".equals(run.path(ModelBenchmarks.GROUP_FIELD).asText())
                    && run.path("benchmark").asText().endsWith("PeakFmaBenchmark.fma")) {
                int bits = 512;
                for (JsonNode arg : run.path("jvmArgs")) {
                    if (arg.asText().startsWith("-Dnnport.kernels.maxBits=")) {
                        bits = Integer.parseInt(arg.asText().substring(arg.asText().indexOf('=') + 1));
                    }
                }
                return PeakFmaBenchmark.flops(bits) / result(run).score() / 1e3;
            }
        }
        return Double.NaN;
    }

    private String jvmOf(String group) {
        for (JsonNode run : runs) {
            if (group.equals(run.path(ModelBenchmarks.GROUP_FIELD).asText())) {
                return run.path("vmName").asText() + " " + run.path("vmVersion").asText() + " (JDK "
                        + run.path("jdkVersion").asText() + ")";
            }
        }
        return "-";
    }

    private String iterations(String group, String model) {
        for (JsonNode run : runs) {
            if (group.equals(run.path(ModelBenchmarks.GROUP_FIELD).asText())
                    && (model == null || model.equals(run.path("params").path("model").asText()))) {
                return run.path("forks").asInt() + " fork, " + run.path("warmupIterations").asInt() + " x "
                        + run.path("warmupTime").asText() + " warm-up, " + run.path("measurementIterations").asInt()
                        + " x " + run.path("measurementTime").asText() + " measurement";
            }
        }
        return "-";
    }

    // ------------------------------------------------------------------ formatting

    private static String f(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    private static String num(double value, String pattern) {
        return Double.isNaN(value) ? "-" : f(pattern, value);
    }

    /** Milliseconds with three significant digits or so. */
    private static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "-";
        }
        return millis >= 100 ? f("%.1f", millis) : millis >= 10 ? f("%.2f", millis) : millis >= 0.1 ? f("%.3f", millis)
                : f("%.4f", millis);
    }

    private static String msWithError(Result r) {
        return Double.isNaN(r.score()) ? "-" : ms(r.millis()) + " ± " + ms(r.toMillis(r.error()));
    }

    /** a / b with the error of independent relative errors. */
    private static double[] ratio(Result a, Result b) {
        double q = a.score() / b.score();
        double rel = Math.hypot(a.relativeError(), b.relativeError());
        return new double[] {q, q * rel};
    }

    private static String mebibytes(double bytes) {
        return Double.isNaN(bytes) ? "-" : f("%.2f", bytes / (1 << 20));
    }

    private String groupNote(String group) {
        JsonNode g = groups == null ? null : groups.get(group);
        if (g == null) {
            return "";
        }
        String dirty = g.path("uncommittedSources").asText().replaceAll("\\s+", " ").trim();
        return f("%s, %.1f min, load average before/after: %s / %s; commit %s%s%s", g.path("start").asText(),
                g.path("minutes").asDouble(), firstThree(g.path("loadAverageBefore").asText()),
                firstThree(g.path("loadAverageAfter").asText()), g.path("commit").asText(),
                dirty.isEmpty() ? "" : " + uncommitted: " + dirty, g.path("quick").asBoolean() ? " (QUICK SMOKE RUN)" : "");
    }

    private static String firstThree(String loadavg) {
        String[] parts = loadavg.split(" ");
        return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : loadavg;
    }

    // ------------------------------------------------------------------ markdown

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Generated models against TensorFlow Java\n\n");
        header(md);
        headline(md);
        allModels(md);
        allocation(md);
        memorySection(md);
        coldStartSection(md);
        widths(md);
        jvms(md);
        layers(md);
        return md.toString();
    }

    private void header(StringBuilder md) {
        JsonNode main = groups == null ? null : groups.get("main");
        md.append("Written by `jmh/run-models.sh` (after `./mvnw -B -q -DskipTests package`); every number below is ")
                .append("computed from the JSON files next to this one: `models.json` (JMH, every run tagged with its ")
                .append("group in `nnportGroup`), `models-memory.json`, `models-coldstart.json`, `models-runs.json`.\n\n");
        if (main != null) {
            md.append("- Date: ").append(main.path("start").asText()).append('\n');
            md.append("- Machine: ").append(main.path("cpu").asText()).append(", ").append(main.path("cores").asInt())
                    .append(" cores (`lscpu`: ").append(main.path("machine").asText("?")).append(")\n");
        }
        md.append("- JVM (main, scalar, widths, layers, memory, cold start): ").append(jvmOf("main")).append('\n');
        md.append("- JVM (jdk25 group): ").append(jvmOf("jdk25")).append('\n');
        md.append("- TensorFlow Java 1.1.0 (TensorFlow 2.18 CPU), session with `intra_op_parallelism_threads` = ")
                .append("threads, `inter_op_parallelism_threads` = 1, otherwise TensorFlow's defaults\n");
        md.append("- Inputs: the seeded reference inputs of generated-samples/models (batch 1: `<m>_in_b1.npy`; ")
                .append("batch 32: the 7 samples of `<m>_in_b7.npy` repeated); both engines' outputs checked against ")
                .append("each other in every benchmark's setup (max |nnport - tf| <= 1e-4 * max(1, max |tf|)).\n");
        md.append("- Both sides go from a float[] to a float[]: nnport's `run` on arrays allocated once; TensorFlow ")
                .append("copies the input into a new tensor, runs the session and copies the output out.\n");
        md.append("\nJMH settings: charCNN ").append(iterations("main", "charcnn")).append("; imagecnn and mlp ")
                .append(iterations("main", "mlp")).append(" per benchmark; the error is JMH's 99.9% confidence ")
                .append("half-width over the measurement iterations. Average time and sample time are separate ")
                .append("runs of the same benchmark in the same JMH invocation as TensorFlow.\n\n");
        md.append("| group | ran | \n|---|---|\n");
        for (String group : ModelBenchmarks.GROUPS) {
            md.append("| ").append(group).append(" | ").append(groupNote(group).isEmpty() ? "not run" : groupNote(group))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private void headline(StringBuilder md) {
        md.append("## charCNN: nnport against TensorFlow Java (the issue's targets)\n\n");
        md.append("charCNN: 741 MFLOP per sample. Average time per call (± 99.9% error), ratio nnport / TF in the ")
                .append("same run; the issue's TF medians for this machine in the last column.\n\n");
        md.append("| batch | threads | nnport ms | TF Java ms | nnport / TF | target | met | nnport GFLOP/s | TF (issue) ms |\n");
        md.append("|---:|---:|---:|---:|---:|---:|:---:|---:|---:|\n");
        for (Target t : TARGETS) {
            Result n = model("main", "nnport", "avgt", "charcnn", t.batch(), t.threads());
            Result tf = model("main", "tensorflow", "avgt", "charcnn", t.batch(), t.threads());
            double[] q = ratio(n, tf);
            md.append(f("| %d | %d | %s | %s | %s | <= %.2f | %s | %s | %s |\n", t.batch(), t.threads(), msWithError(n),
                    msWithError(tf), num(q[0], "%.3f") + (Double.isNaN(q[1]) ? "" : " ± " + num(q[1], "%.3f")),
                    t.maxRatio(), Double.isNaN(q[0]) ? "-" : q[0] <= t.maxRatio() ? "yes" : "**no**",
                    num(SampleModel.CHARCNN.flopsPerSample() * t.batch() / n.millis() / 1e6, "%.1f"),
                    ms(t.issueTfMillis())));
        }
        md.append("\n![charCNN per-sample time](models-charcnn.png)\n\n");
    }

    private void allModels(StringBuilder md) {
        md.append("## Every model: average and sample-mode percentiles\n\n");
        md.append("Milliseconds per call. Average: JMH average-time mode (± 99.9% error). p50 / p99 and the ")
                .append("sample count: JMH sample-time mode, a separate run of the same benchmark. Scalar: nnport on ")
                .append("its scalar kernels (`-Dnnport.kernels.scalar=true`, 1 thread; charCNN at batch 1 only: a ")
                .append("batch of 32 takes about 13 s).\n\n");
        md.append("| model | batch | threads | nnport avg | nnport p50 / p99 (n) | TF avg | TF p50 / p99 (n) | nnport / TF | scalar |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SampleModel model : SampleModel.values()) {
            for (int batch : BATCHES) {
                for (int threads : THREADS) {
                    Result n = model("main", "nnport", "avgt", model.id(), batch, threads);
                    Result ns = model("main", "nnport", "sample", model.id(), batch, threads);
                    Result tf = model("main", "tensorflow", "avgt", model.id(), batch, threads);
                    Result tfs = model("main", "tensorflow", "sample", model.id(), batch, threads);
                    Result scalar = threads == 1 ? model("scalar", "nnport", "avgt", model.id(), batch, 1) : NONE;
                    double[] q = ratio(n, tf);
                    md.append(f("| %s | %d | %d | %s | %s / %s (%d) | %s | %s / %s (%d) | %s | %s |\n", model.id(), batch,
                            threads, msWithError(n), ms(ns.toMillis(ns.p50())), ms(ns.toMillis(ns.p99())), ns.samples(),
                            msWithError(tf), ms(tfs.toMillis(tfs.p50())), ms(tfs.toMillis(tfs.p99())), tfs.samples(),
                            num(q[0], "%.3f"), ms(scalar.millis())));
                }
            }
        }
        md.append("\n![nnport / TF](models-ratio.png)\n\n");
    }

    /** The allocation probe's row for a configuration, or null. */
    private JsonNode probe(String model, int batch, int threads) {
        if (allocation != null) {
            for (JsonNode row : allocation) {
                if (model.equals(row.path("model").asText()) && row.path("batch").asInt() == batch
                        && row.path("threads").asInt() == threads) {
                    return row;
                }
            }
        }
        return null;
    }

    private void allocation(StringBuilder md) {
        md.append("## Allocation per prediction\n\n");
        md.append("Two measurements. JMH's gc profiler (`gc.alloc.rate.norm`, average-time runs): every byte the JVM ")
                .append("allocated during the measurement iterations, on any thread (the harness's own bookkeeping ")
                .append("included), divided by the calls made; with calls of hundreds of milliseconds a few kilobytes ")
                .append("of harness allocation per iteration show up as kilobytes per call. `AllocationProbe` (memory ")
                .append("group, fresh JVM): batch-1 calls until half a second of them allocates nothing on any thread ")
                .append("(until then C1-compiled kernels box their vectors; \"settled after\" is how long that took, ")
                .append("the first model of each JVM paying for the JIT), then at least 3 s at the probed batch, then ")
                .append("HotSpot's per-thread allocation counters read around a second of calls, for the calling ")
                .append("thread and summed over all live threads (the team's worker included): what the model itself ")
                .append("allocates. TensorFlow's tensors are native ")
                .append("memory; its column is only its Java-side garbage (tensor handles, the runner, results).\n\n");
        md.append("| model | batch | threads | nnport B/op (JMH gc profiler) | nnport B/call, calling thread (probe) ")
                .append("| nnport B/call, all threads (probe) | calls probed | settled after s | TF Java B/op (JMH, Java heap only) |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SampleModel model : SampleModel.values()) {
            for (int batch : BATCHES) {
                for (int threads : THREADS) {
                    Result n = model("main", "nnport", "avgt", model.id(), batch, threads);
                    Result tf = model("main", "tensorflow", "avgt", model.id(), batch, threads);
                    JsonNode p = probe(model.id(), batch, threads);
                    md.append(f("| %s | %d | %d | %s | %s | %s | %s | %s | %s |\n", model.id(), batch, threads,
                            num(n.bytesPerOp(), "%.3f"),
                            p == null ? "-" : num(p.path("callingThreadBytesPerCall").asDouble(), "%.3f"),
                            p == null ? "-" : num(p.path("allThreadsBytesPerCall").asDouble(), "%.3f"),
                            p == null ? "-" : p.path("calls").asText(),
                            p == null || !p.has("settleSeconds") ? "-" : num(p.path("settleSeconds").asDouble(), "%.1f"),
                            num(tf.bytesPerOp(), "%.0f")));
                }
            }
        }
        md.append('\n');
    }

    private List<JsonNode> memoryRows(String model, String engine) {
        List<JsonNode> rows = new ArrayList<>();
        if (memory != null) {
            for (JsonNode row : memory) {
                if (model.equals(row.path("model").asText()) && engine.equals(row.path("engine").asText())) {
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static double median(List<JsonNode> rows, String field) {
        double[] values = rows.stream().filter(r -> r.has(field)).mapToDouble(r -> r.path(field).asDouble()).toArray();
        return values.length == 0 ? Double.NaN : ColdStart.median(values);
    }

    private void memorySection(StringBuilder md) {
        md.append("## Memory of a loaded model\n\n");
        md.append("`ModelMemory` in fresh JVMs (`-XX:+UseSerialGC`, so `System.gc()` compacts and heap used is the ")
                .append("live data; the heap after three collections, minus the same before loading). nnport: ")
                .append(ModelBenchmarks.MEMORY_JVMS).append(" JVMs x ").append(ModelBenchmarks.MEMORY_REPEATS)
                .append(" loads, the median; each load on its own thread, the workspace (arena + GEMM scratch) being ")
                .append("per thread. RSS growth: the process's resident set from before loading the model (or opening ")
                .append("the session) to after its first batch-1 prediction, median of the JVMs; it includes class ")
                .append("loading and JIT and, for TensorFlow, its native library. MiB.\n\n");
        md.append("| model | weights (resource) | nnport heap loaded | + arena batch 1 | + arena batch 32 | loaded / weights ")
                .append("| nnport RSS growth | TF RSS growth | TF Java heap |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SampleModel model : SampleModel.values()) {
            List<JsonNode> n = memoryRows(model.id(), "nnport");
            List<JsonNode> tf = memoryRows(model.id(), "tensorflow");
            if (n.isEmpty()) {
                continue;
            }
            double weights = n.get(0).path("weightBytes").asDouble();
            double loaded = median(n, "heapLoaded");
            md.append(f("| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", model.id(), mebibytes(weights),
                    mebibytes(loaded), mebibytes(median(n, "heapWithArenaBatch1")),
                    mebibytes(median(n, "heapWithArenaBatch32")), num(loaded / weights, "%.3f"),
                    mebibytes(median(n, "rssGrowthToFirstPrediction")), mebibytes(median(tf, "rssGrowthToFirstPrediction")),
                    mebibytes(median(tf, "heapRetained"))));
        }
        md.append('\n');
    }

    private void coldStartSection(StringBuilder md) {
        md.append("## Cold start: a fresh JVM to the first prediction\n\n");
        if (coldStart == null) {
            md.append("not run\n\n");
            return;
        }
        md.append("Process-level wall time from `ProcessBuilder.start()` to the first line the process prints (both ")
                .append("print only after predicting) and to its exit; runs alternate between the engines; median of ")
                .append(coldStart.get(0).path("runs").asInt()).append(" runs each. Both printed the same arg max.\n\n");
        md.append("- nnport: `").append(coldStart.get(0).path("nnport").path("command").asText().replaceAll(".*/bin/java", "java"))
                .append("`\n- TensorFlow Java: `").append(coldStart.get(0).path("tensorflow").path("command").asText()
                        .replaceAll(".*/bin/java", "java").replaceAll("-cp \\S+", "-cp benchmarks.jar:<TF jars>"))
                .append("` (TfPredict: reads the .npy with nnport's `Npy`, imports the .pb, one `Session.run`)\n\n");
        md.append("| model | nnport to result ms | TF Java to result ms | nnport / TF | target | met | nnport to exit ms | TF to exit ms |\n");
        md.append("|---|---:|---:|---:|---:|:---:|---:|---:|\n");
        BarChart chart = new BarChart("Cold start: fresh JVM to first prediction (median, ms)", "ms", "%.0f",
                "nnport model jar", "TensorFlow Java");
        for (JsonNode row : coldStart) {
            double n = row.path("nnport").path("medianFirstResultMillis").asDouble();
            double tf = row.path("tensorflow").path("medianFirstResultMillis").asDouble();
            md.append(f("| %s | %.0f | %.0f | %.3f | <= %.1f | %s | %.0f | %.0f |\n", row.path("model").asText(), n, tf,
                    n / tf, COLD_START_TARGET, n / tf <= COLD_START_TARGET ? "yes" : "**no**",
                    row.path("nnport").path("medianExitMillis").asDouble(),
                    row.path("tensorflow").path("medianExitMillis").asDouble()));
        }
        md.append("\n![cold start](models-coldstart.png)\n\n");
    }

    private void widths(StringBuilder md) {
        md.append("## Across vector widths (nnport, JDK 17, 1 thread)\n\n");
        md.append("The species capped with `-Dnnport.kernels.maxBits` (the GEMM tile follows: 12x2 at 512 bits, ")
                .append("6x2 below, see `GemmVariant`), all three widths in one group; scalar from the scalar group. ")
                .append("Average ms per call, speed-up over 128 bits.\n\n");
        md.append("| model | batch | scalar | 128-bit | 256-bit | 512-bit | 256 / 128 speed-up | 512 / 128 speed-up |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SampleModel model : SampleModel.values()) {
            for (int batch : BATCHES) {
                Result[] w = new Result[3];
                int[] bits = {128, 256, 512};
                for (int i = 0; i < 3; i++) {
                    w[i] = widthResult(model.id(), batch, bits[i]);
                }
                md.append(f("| %s | %d | %s | %s | %s | %s | %s | %s |\n", model.id(), batch,
                        ms(model("scalar", "nnport", "avgt", model.id(), batch, 1).millis()), msWithError(w[0]),
                        msWithError(w[1]), msWithError(w[2]), num(w[0].score() / w[1].score(), "%.2fx"),
                        num(w[0].score() / w[2].score(), "%.2fx")));
            }
        }
        md.append("\n![widths](models-widths.png)\n\n");
    }

    private Result widthResult(String model, int batch, int bits) {
        for (JsonNode run : runs) {
            if ("widths".equals(run.path(ModelBenchmarks.GROUP_FIELD).asText())
                    && model.equals(run.path("params").path("model").asText())
                    && Integer.toString(batch).equals(run.path("params").path("batch").asText())) {
                for (JsonNode arg : run.path("jvmArgs")) {
                    if (arg.asText().equals("-D" + io.nnport.kernels.Simd.MAX_BITS_PROPERTY + "=" + bits)) {
                        return result(run);
                    }
                }
            }
        }
        return NONE;
    }

    private void jvms(StringBuilder md) {
        md.append("## Across JVMs (nnport, 512-bit, 1 thread)\n\n");
        md.append("JDK 17: the 512-bit runs of the widths group; JDK 25: the jdk25 group (the same benchmark forked on ")
                .append(jvmOf("jdk25")).append("). Average ms per call.\n\n");
        md.append("| model | batch | JDK 17 | JDK 25 | JDK 25 / JDK 17 |\n|---|---:|---:|---:|---:|\n");
        for (SampleModel model : SampleModel.values()) {
            for (int batch : BATCHES) {
                Result j17 = widthResult(model.id(), batch, 512);
                Result j25 = model("jdk25", "nnport", "avgt", model.id(), batch, 1);
                double[] q = ratio(j25, j17);
                md.append(f("| %s | %d | %s | %s | %s |\n", model.id(), batch, msWithError(j17), msWithError(j25),
                        num(q[0], "%.3f") + (Double.isNaN(q[1]) ? "" : " ± " + num(q[1], "%.3f"))));
            }
        }
        md.append("\n![JVMs](models-jvms.png)\n\n");
    }

    /** TensorFlow's traced per-layer median (us) for a configuration, or null. */
    private JsonNode tfLayers(int batch, int threads) {
        if (tfLayers != null) {
            for (JsonNode row : tfLayers) {
                if (row.path("batch").asInt() == batch && row.path("threads").asInt() == threads) {
                    return row;
                }
            }
        }
        return null;
    }

    /**
     * TensorFlow's time for a layer in a configuration: its traced share of the traced sum of ops,
     * applied to its untraced average from the main group (tracing adds time per node; the split is
     * what it tells).
     */
    private double tfLayerMicros(CharcnnLayer layer, int batch, int threads) {
        JsonNode row = tfLayers(batch, threads);
        Result whole = model("main", "tensorflow", "avgt", "charcnn", batch, threads);
        if (row == null || Double.isNaN(whole.score())) {
            return Double.NaN;
        }
        double traced = row.path("medianMicrosPerLayer").path(layer.tfName()).asDouble(Double.NaN);
        double sum = 0;
        for (JsonNode us : row.path("medianMicrosPerLayer")) {
            sum += us.asDouble();
        }
        return traced / sum * whole.score() * 1e3;
    }

    private void layers(StringBuilder md) {
        double peak = peakGflops();
        md.append("## charCNN layer by layer\n\n");
        md.append("nnport: `CharcnnLayerBenchmark`, each layer's kernel call as `CharcnnModel.predict` makes it (same ")
                .append("facade, packing, epilogue, team) on seeded data of the layer's shape, checked against the scalar ")
                .append("twin; ").append(iterations("layers", null)).append(". TensorFlow: `TfLayerProfile`, the ")
                .append("session's own step statistics (`FULL_TRACE`) summed per Keras layer scope, median over the ")
                .append("traced runs, as shares of the traced sum applied to TensorFlow's untraced average from the main ")
                .append("group (the \"TF us\" column adds up to that average, \"other\" excluded). FLOPs: 2 per ")
                .append("multiply-add (the converter's 741.1 M also counts 0.37 M pooling comparisons and softmax). Peak: the peak-FMA probe of ")
                .append("the same group, ").append(num(peak, "%.1f")).append(" GFLOP/s per core (x threads). GB/s: ")
                .append("bytes the layer must move at least once (weights plus activations).\n\n");
        if (Double.isNaN(peak)) {
            md.append("not run\n\n");
            return;
        }
        for (int batch : BATCHES) {
            for (int threads : THREADS) {
                Result whole = model("main", "nnport", "avgt", "charcnn", batch, threads);
                Result tf = model("main", "tensorflow", "avgt", "charcnn", batch, threads);
                Target target = TARGETS.stream().filter(t -> t.batch() == batch && t.threads() == threads).findFirst()
                        .orElseThrow();
                md.append(f("### batch %d, %d thread%s\n\n", batch, threads, threads > 1 ? "s" : ""));
                md.append("| layer | shape (per sample) | MFLOP | nnport us | share of nnport | share of FLOPs | ")
                        .append("nnport GFLOP/s | of peak | GB/s | TF us | TF GFLOP/s | nnport / TF |");
                md.append(threads > 1 ? " nnport 2-thread speed-up |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
                        : "\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
                double sum = 0;
                double flops = 0;
                for (CharcnnLayer layer : CharcnnLayer.values()) {
                    sum += layer(layer, batch, threads).score();
                    flops += layer.flopsPerSample() * (double) batch;
                }
                for (CharcnnLayer layer : CharcnnLayer.values()) {
                    Result r = layer(layer, batch, threads);
                    double layerFlops = layer.flopsPerSample() * (double) batch;
                    double gflops = layerFlops / r.score() / 1e3;
                    double tfUs = tfLayerMicros(layer, batch, threads);
                    boolean team = layer.kind == CharcnnLayer.Kind.CONV || layer.kind == CharcnnLayer.Kind.DENSE;
                    md.append(f("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |", layer.tfName(),
                            layer.shapeText(), num(layerFlops / 1e6, "%.1f"), num(r.score(), "%.1f"),
                            num(100 * r.score() / sum, "%.1f%%"), num(100 * layerFlops / flops, "%.1f%%"),
                            layerFlops == 0 ? "-" : num(gflops, "%.1f"),
                            layerFlops == 0 ? "-" : num(gflops / (peak * (team ? threads : 1)), "%.2f"),
                            layer.kind == CharcnnLayer.Kind.CONV ? "-" : num(bytesMoved(layer, batch) / r.score() / 1e3, "%.1f"),
                            num(tfUs, "%.1f"), layerFlops == 0 ? "-" : num(layerFlops / tfUs / 1e3, "%.1f"),
                            num(r.score() / tfUs, "%.2f")));
                    if (threads > 1) {
                        md.append(team ? num(layer(layer, batch, 1).score() / r.score(), " %.2fx |") : " (1 thread) |");
                    }
                    md.append('\n');
                }
                md.append(f("\nSum of the nnport layers: **%.0f us**; the whole model in the main group: **%s us**; ", sum,
                        num(whole.score() * 1e3, "%.0f")));
                md.append(f("TensorFlow Java: %s us, so the target (<= %.2f) allows %s us.\n\n", num(tf.score() * 1e3, "%.0f"),
                        target.maxRatio(), num(target.maxRatio() * tf.score() * 1e3, "%.0f")));
                shortfall(md, batch, threads, whole, tf, target);
            }
        }
        md.append("![batch 1, 1 thread](models-layers-b1-t1.png)\n![batch 1, 2 threads](models-layers-b1-t2.png)\n")
                .append("![batch 32, 1 thread](models-layers-b32-t1.png)\n![batch 32, 2 threads](models-layers-b32-t2.png)\n\n");
    }

    /** Bytes a layer must read and write at least once per call (weights once, activations once). */
    private static double bytesMoved(CharcnnLayer layer, int batch) {
        double activations = 4.0 * batch * (layer.inputFloats() + layer.outputFloats());
        return switch (layer.kind) {
            case DENSE -> 4.0 * layer.channels * layer.outChannels + activations;
            case CONV -> 4.0 * layer.gemmK() * layer.outChannels + activations;
            case POOL, SOFTMAX -> activations;
        };
    }

    /**
     * For a missed target: the time over budget, and each layer's excess over the target ratio times
     * TensorFlow's time for the same layer, largest first: the layers short of their share.
     */
    private void shortfall(StringBuilder md, int batch, int threads, Result whole, Result tf, Target target) {
        double budget = target.maxRatio() * tf.score() * 1e3;
        double actual = whole.score() * 1e3;
        if (Double.isNaN(actual) || Double.isNaN(budget) || actual <= budget) {
            return;
        }
        md.append(f("**Target missed by %.0f us** (%.0f us against %.0f). Per layer, nnport's time against %.2f x ",
                actual - budget, actual, budget, target.maxRatio()));
        md.append("TensorFlow's for the same layer (its share of the budget), largest excess first:\n\n");
        md.append("| layer | nnport us | TF us | share of the budget us | excess us |\n|---|---:|---:|---:|---:|\n");
        record Excess(CharcnnLayer layer, double now, double tf, double share) {}
        List<Excess> rows = new ArrayList<>();
        double layersSum = 0;
        for (CharcnnLayer layer : CharcnnLayer.values()) {
            double now = layer(layer, batch, threads).score();
            double tfUs = tfLayerMicros(layer, batch, threads);
            rows.add(new Excess(layer, now, tfUs, target.maxRatio() * tfUs));
            layersSum += now;
        }
        rows.sort(Comparator.comparingDouble((Excess e) -> e.now() - e.share()).reversed());
        for (Excess e : rows) {
            if (e.now() - e.share() > 0.01 * (actual - budget)) {
                md.append(f("| %s | %.0f | %.0f | %.0f | %.0f |\n", e.layer().tfName(), e.now(), e.tf(), e.share(),
                        e.now() - e.share()));
            }
        }
        md.append(f("| (whole model minus the sum of its layers) | %.0f | | | |\n\n", actual - layersSum));
    }

    // ------------------------------------------------------------------ charts

    void charts(Path dir) throws IOException {
        BarChart charcnn = new BarChart("charCNN: ms per sample (average; lower is better)", "ms per sample", "%.2f",
                "nnport", "TensorFlow Java");
        for (Target t : TARGETS) {
            Result n = model("main", "nnport", "avgt", "charcnn", t.batch(), t.threads());
            Result tf = model("main", "tensorflow", "avgt", "charcnn", t.batch(), t.threads());
            charcnn.category("batch " + t.batch() + ", " + t.threads() + " thread" + (t.threads() > 1 ? "s" : ""),
                    n.millis() / t.batch(), tf.millis() / t.batch())
                    .markLast(t.maxRatio() * tf.millis() / t.batch(), "target (ratio x TF)");
        }
        charcnn.write(dir.resolve("models-charcnn.png"));

        BarChart ratios = new BarChart("nnport time / TensorFlow Java time (same run and threads; lower is better)",
                "nnport / TF Java", "%.3f", "nnport / TF");
        for (SampleModel model : SampleModel.values()) {
            for (int batch : BATCHES) {
                for (int threads : THREADS) {
                    double q = ratio(model("main", "nnport", "avgt", model.id(), batch, threads),
                            model("main", "tensorflow", "avgt", model.id(), batch, threads))[0];
                    ratios.category(model.id() + " b" + batch + " t" + threads, q);
                    if (model == SampleModel.CHARCNN) {
                        TARGETS.stream().filter(t -> t.batch() == batch && t.threads() == threads).findFirst()
                                .ifPresent(t -> ratios.markLast(t.maxRatio(), "issue target"));
                    }
                }
            }
        }
        ratios.reference(1.0, "TF = 1");
        ratios.write(dir.resolve("models-ratio.png"));

        if (coldStart != null) {
            BarChart cold = new BarChart("Cold start: fresh JVM to first prediction (median ms; lower is better)",
                    "ms", "%.0f", "nnport model jar", "TensorFlow Java");
            for (JsonNode row : coldStart) {
                double tf = row.path("tensorflow").path("medianFirstResultMillis").asDouble();
                cold.category(row.path("model").asText(), row.path("nnport").path("medianFirstResultMillis").asDouble(),
                        tf).markLast(COLD_START_TARGET * tf, "target (0.5 x TF)");
            }
            cold.write(dir.resolve("models-coldstart.png"));
        }

        BarChart widths = new BarChart("nnport speed-up over 128-bit vectors (1 thread, JDK 17; higher is better)",
                "speed-up over 128-bit", "%.2f", "256-bit", "512-bit");
        BarChart jvms = new BarChart("nnport time on JDK 25 / time on JDK 17 (512-bit, 1 thread)", "JDK 25 / JDK 17",
                "%.3f", "JDK 25 / JDK 17");
        for (SampleModel model : SampleModel.values()) {
            for (int batch : BATCHES) {
                double w128 = widthResult(model.id(), batch, 128).score();
                widths.category(model.id() + " b" + batch, w128 / widthResult(model.id(), batch, 256).score(),
                        w128 / widthResult(model.id(), batch, 512).score());
                jvms.category(model.id() + " b" + batch, model("jdk25", "nnport", "avgt", model.id(), batch, 1).score()
                        / widthResult(model.id(), batch, 512).score());
            }
        }
        widths.reference(1.0, "128-bit");
        widths.write(dir.resolve("models-widths.png"));
        jvms.reference(1.0, "JDK 17");
        jvms.write(dir.resolve("models-jvms.png"));

        for (int[] config : new int[][] {{1, 1}, {1, 2}, {32, 1}, {32, 2}}) {
            int batch = config[0];
            int threads = config[1];
            Target target = TARGETS.stream().filter(t -> t.batch() == batch && t.threads() == threads).findFirst()
                    .orElseThrow();
            BarChart layers = new BarChart(f("charCNN layers, batch %d, %d thread%s: us per call", batch, threads,
                    threads > 1 ? "s" : ""), "us", "%.0f", "nnport", "TensorFlow Java (traced split)");
            for (CharcnnLayer layer : CharcnnLayer.values()) {
                double tfUs = tfLayerMicros(layer, batch, threads);
                layers.category(layer.tfName(), layer(layer, batch, threads).score(), tfUs)
                        .markLast(target.maxRatio() * tfUs, f("%.2f x TF (target)", target.maxRatio()));
            }
            layers.write(dir.resolve(f("models-layers-b%d-t%d.png", batch, threads)));
        }
    }
}
