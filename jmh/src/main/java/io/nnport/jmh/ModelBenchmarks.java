package io.nnport.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nnport.kernels.Simd;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the model benchmarks (jmh/run-models.sh) and writes, under the results directory:
 *
 * <ul>
 *   <li>main: {@link ModelBenchmark}, nnport and TensorFlow Java, every model, batch 1 and 32, 1 and
 *       2 threads, average and sample time, with JMH's gc profiler;
 *   <li>scalar: nnport on its scalar kernels (the floor), 1 thread;
 *   <li>widths: nnport with the species capped at 128, 256 and 512 bits, 1 thread;
 *   <li>jdk25: nnport forked on the JDK in {@value #JDK25_PROPERTY}, 1 thread;
 *   <li>layers: {@link CharcnnLayerBenchmark} and the peak-FMA probe of the same run;
 * </ul>
 * all into models.json (JMH's JSON, one array, each run tagged with its group); then
 * <ul>
 *   <li>layers, too: TensorFlow's own per-layer split ({@link TfLayerProfile}) into models-tflayers.json;
 *   <li>memory: {@link ModelMemory} in fresh JVMs, into models-memory.json, and {@link AllocationProbe}
 *       (exact bytes per prediction from the per-thread counters) into models-allocation.json;
 *   <li>coldstart: {@link ColdStart}, model jar against {@link TfPredict}, into models-coldstart.json;
 * </ul>
 * with when each group ran and the load around it in models-runs.json; and finally models.md and
 * the PNG charts ({@link ModelReport}). Arguments: {@code [results-dir] [group ...] [--quick]}; no group means all,
 * {@code report} alone rewrites the summary from the JSON files present; {@code --quick} runs
 * everything with token iteration counts (a smoke test of the pipeline, numbers meaningless).
 */
public final class ModelBenchmarks {

    /** The JDK whose {@code bin/java} the jdk25 group forks. */
    static final String JDK25_PROPERTY = "nnport.jdk25.home";

    /** The field of models.json naming the group a JMH run belongs to. */
    static final String GROUP_FIELD = "nnportGroup";

    static final List<String> GROUPS = List.of("main", "scalar", "widths", "jdk25", "layers", "memory", "coldstart");

    /** Fresh JVMs per model and engine for memory; process runs per model and engine for cold start. */
    static final int MEMORY_JVMS = 3;
    static final int MEMORY_REPEATS = 5;
    static final int COLD_START_RUNS = 7;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final boolean quick;

    private ModelBenchmarks(Path dir, boolean quick) {
        this.dir = dir;
        this.quick = quick;
    }

    /**
     * JMH iterations per model. charCNN takes 5-8 ms per sample, up to 230 ms per batch-32 call, so
     * its iterations last 2 s (at least 9 calls each); imagecnn and mlp take microseconds, 1 s is
     * thousands of calls. Three warm-up iterations are enough: C2 has compiled the kernels within the
     * first (checked on the iteration scores, which stay within the error after the first).
     */
    record Timing(int warmups, int warmupMillis, int measurements, int measurementMillis) {
        static Timing of(String model, boolean quick) {
            if (quick) {
                return new Timing(1, 200, 1, 200);
            }
            return model.equals("charcnn") ? new Timing(3, 2000, 5, 2000) : new Timing(3, 1000, 5, 1000);
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        boolean quick = rest.remove("--quick");
        Path dir = Path.of(rest.isEmpty() || GROUPS.contains(rest.get(0)) || rest.get(0).equals("report")
                ? "jmh/results" : rest.remove(0));
        Files.createDirectories(dir);
        List<String> groups = rest.isEmpty() ? GROUPS : rest;
        ModelBenchmarks runner = new ModelBenchmarks(dir, quick);
        for (String group : groups) {
            if (!group.equals("report") && !GROUPS.contains(group)) {
                throw new IllegalArgumentException("unknown group '" + group + "'; groups: " + GROUPS + " or report");
            }
        }
        if (!Simd.VECTOR) {
            throw new IllegalStateException("the model benchmarks need the Vector API: " + Simd.describe());
        }
        for (String group : groups) {
            if (!group.equals("report")) {
                runner.run(group);
            }
        }
        ModelReport report = ModelReport.read(dir);
        Files.writeString(dir.resolve("models.md"), report.markdown(), StandardCharsets.UTF_8);
        report.charts(dir);
        System.out.println(report.markdown());
    }

    private void run(String group) throws Exception {
        Instant start = Instant.now();
        String loadBefore = loadAverage();
        System.out.println("== " + group + " (" + start.truncatedTo(ChronoUnit.SECONDS) + ", load " + loadBefore + ")");
        switch (group) {
            case "main" -> main();
            case "scalar" -> scalar();
            case "widths" -> widths();
            case "jdk25" -> jdk25();
            case "layers" -> layers();
            case "memory" -> memory();
            case "coldstart" -> coldStart();
            default -> throw new AssertionError(group);
        }
        Instant end = Instant.now();
        recordGroup(group, start, end, loadBefore, loadAverage());
    }

    // ------------------------------------------------------------------ JMH groups

    private void main() throws Exception {
        List<Path> parts = new ArrayList<>();
        for (SampleModel model : SampleModel.values()) {
            Path json = part("main", model.id());
            new Runner(options(model.id(), json)
                    .include(benchmark(ModelBenchmark.class, "nnport"))
                    .include(benchmark(ModelBenchmark.class, "tensorflow"))
                    .param("model", model.id())
                    .addProfiler(GCProfiler.class)
                    .build()).run();
            parts.add(json);
        }
        store("main", parts);
    }

    /** The scalar twins at 1 thread; charCNN at batch 1 only (about 0.4 s a sample: batch 32 takes 13 s). */
    private void scalar() throws Exception {
        List<Path> parts = new ArrayList<>();
        for (SampleModel model : SampleModel.values()) {
            Path json = part("scalar", model.id());
            new Runner(options(model.id(), json)
                    .include(benchmark(ModelBenchmark.class, "nnport"))
                    .mode(Mode.AverageTime)
                    .param("model", model.id())
                    .param("batch", model == SampleModel.CHARCNN ? new String[] {"1"} : new String[] {"1", "32"})
                    .param("threads", "1")
                    .jvmArgsAppend("-D" + Simd.FORCE_SCALAR_PROPERTY + "=true")
                    .build()).run();
            parts.add(json);
        }
        store("scalar", parts);
    }

    private void widths() throws Exception {
        List<Path> parts = new ArrayList<>();
        for (int bits : new int[] {128, 256, 512}) {
            for (SampleModel model : SampleModel.values()) {
                Path json = part("widths", bits + "-" + model.id());
                new Runner(options(model.id(), json)
                        .include(benchmark(ModelBenchmark.class, "nnport"))
                        .mode(Mode.AverageTime)
                        .param("model", model.id())
                        .param("threads", "1")
                        .jvmArgsAppend("-D" + Simd.MAX_BITS_PROPERTY + "=" + bits)
                        .build()).run();
                parts.add(json);
            }
        }
        store("widths", parts);
    }

    private void jdk25() throws Exception {
        Path java = Path.of(System.getProperty(JDK25_PROPERTY, "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java");
        if (!Files.isExecutable(java)) {
            System.out.println("no JDK 25 at " + java + " (set -D" + JDK25_PROPERTY + "): jdk25 group skipped");
            return;
        }
        List<Path> parts = new ArrayList<>();
        for (SampleModel model : SampleModel.values()) {
            Path json = part("jdk25", model.id());
            new Runner(options(model.id(), json)
                    .include(benchmark(ModelBenchmark.class, "nnport"))
                    .mode(Mode.AverageTime)
                    .param("model", model.id())
                    .param("threads", "1")
                    .jvm(java.toString())
                    .build()).run();
            parts.add(json);
        }
        store("jdk25", parts);
    }

    /**
     * Every charCNN layer at batch 1 and 32; conv and dense layers at 1 and 2 threads (pooling and
     * softmax never use the team), with the peak-FMA probe of the same run as the yardstick.
     */
    private void layers() throws Exception {
        Timing t = quick ? Timing.of("", true) : new Timing(3, 1000, 4, 1000);
        List<String> teamLayers = new ArrayList<>();
        List<String> callerLayers = new ArrayList<>();
        for (CharcnnLayer layer : CharcnnLayer.values()) {
            boolean team = layer.kind == CharcnnLayer.Kind.CONV || layer.kind == CharcnnLayer.Kind.DENSE;
            (team ? teamLayers : callerLayers).add(layer.name());
        }
        Path peak = part("layers", "peak");
        new Runner(options(t, peak).include(benchmark(PeakFmaBenchmark.class, "fma")).build()).run();
        Path withTeam = part("layers", "team");
        new Runner(options(t, withTeam)
                .include(benchmark(CharcnnLayerBenchmark.class, "layer"))
                .param("layer", teamLayers.toArray(String[]::new))
                .build()).run();
        Path onCaller = part("layers", "caller");
        new Runner(options(t, onCaller)
                .include(benchmark(CharcnnLayerBenchmark.class, "layer"))
                .param("layer", callerLayers.toArray(String[]::new))
                .param("threads", "1")
                .build()).run();
        store("layers", List.of(peak, withTeam, onCaller));
        tensorflowLayers();
    }

    /** TensorFlow's own per-layer split ({@link TfLayerProfile}, fresh JVM per configuration). */
    private void tensorflowLayers() throws IOException, InterruptedException {
        ArrayNode all = JSON.createArrayNode();
        for (int batch : new int[] {1, 32}) {
            for (int threads : new int[] {1, 2}) {
                int warmups = quick ? 2 : batch == 1 ? 100 : 10;
                int runs = quick ? 2 : batch == 1 ? 200 : 20;
                String line = childOutput(List.of(javaCommand().toString(), "-cp", System.getProperty("java.class.path"),
                        TfLayerProfile.class.getName(), Integer.toString(batch), Integer.toString(threads),
                        Integer.toString(warmups), Integer.toString(runs)), "tflayers ");
                all.add(JSON.readTree(line.substring("tflayers ".length())));
                System.out.println(line);
            }
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("models-tflayers.json").toFile(), all);
    }

    private ChainedOptionsBuilder options(String model, Path json) {
        return options(Timing.of(model, quick), json);
    }

    private static ChainedOptionsBuilder options(Timing t, Path json) {
        return new OptionsBuilder()
                .forks(1)
                .warmupIterations(t.warmups())
                .warmupTime(TimeValue.milliseconds(t.warmupMillis()))
                .measurementIterations(t.measurements())
                .measurementTime(TimeValue.milliseconds(t.measurementMillis()))
                .jvmArgsAppend("--add-modules", "jdk.incubator.vector", "-Xmx4g")
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
    }

    private static String benchmark(Class<?> type, String method) {
        return "^" + type.getName().replace(".", "\\.") + "\\." + method + "$";
    }

    private Path part(String group, String name) {
        return dir.resolve(".models-" + group + "-" + name + ".json");
    }

    // ------------------------------------------------------------------ memory and cold start

    private void memory() throws IOException, InterruptedException {
        ArrayNode all = JSON.createArrayNode();
        for (SampleModel model : SampleModel.values()) {
            for (String engine : new String[] {"nnport", "tensorflow"}) {
                for (int jvm = 0; jvm < (quick ? 1 : MEMORY_JVMS); jvm++) {
                    List<String> command = new ArrayList<>(List.of(javaCommand().toString(), "-XX:+UseSerialGC",
                            "-Xmx4g", "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                            ModelMemory.class.getName(), model.id(), engine,
                            Integer.toString(quick ? 1 : MEMORY_REPEATS)));
                    String line = childOutput(command, "memory ");
                    ObjectNode result = (ObjectNode) JSON.readTree(line.substring("memory ".length()));
                    result.put("jvm", jvm);
                    all.add(result);
                    System.out.println(line);
                }
            }
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("models-memory.json").toFile(), all);
        ArrayNode allocation = JSON.createArrayNode();
        for (SampleModel model : SampleModel.values()) {
            String line = childOutput(List.of(javaCommand().toString(), "-Xmx4g", "--add-modules", "jdk.incubator.vector",
                    "-cp", System.getProperty("java.class.path"), AllocationProbe.class.getName(), model.id(),
                    quick ? "200" : "3000"), "allocation ");
            JSON.readTree(line.substring("allocation ".length())).forEach(allocation::add);
            System.out.println(line);
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("models-allocation.json").toFile(), allocation);
    }

    private void coldStart() throws IOException, InterruptedException {
        ColdStart coldStart = new ColdStart(javaCommand(), tensorflowClassPath());
        List<Map<String, Object>> all = new ArrayList<>();
        for (SampleModel model : SampleModel.values()) {
            Map<String, Object> result = coldStart.measure(model, quick ? 1 : COLD_START_RUNS);
            System.out.println(JSON.writeValueAsString(result));
            all.add(result);
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("models-coldstart.json").toFile(), all);
    }

    /** This JVM's java launcher: children run on the same JDK as the runner. */
    private static Path javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * The benchmark jar and TensorFlow Java's jars (with its protobuf and JavaCPP) from this JVM's
     * class path, nothing else: the TensorFlow process loads what a TensorFlow Java program would,
     * plus the benchmark jar for TfPredict and Npy.
     */
    private static String tensorflowClassPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String path = entry.replace(File.separatorChar, '/');
            if (path.endsWith("/benchmarks.jar") || path.contains("/org/tensorflow/") || path.contains("/org/bytedeco/")
                    || path.contains("/com/google/protobuf/")) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** Runs a child JVM and returns its stdout line starting with {@code prefix}. */
    private static String childOutput(List<String> command, String prefix) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String found = null;
        StringBuilder all = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                all.append(line).append('\n');
                if (line.startsWith(prefix)) {
                    found = line;
                }
            }
        }
        if (process.waitFor() != 0 || found == null) {
            throw new IllegalStateException("failed: " + String.join(" ", command) + "\n" + all);
        }
        return found;
    }

    // ------------------------------------------------------------------ files

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    /** Appends when a group ran and the machine's load average around it to models-runs.json. */
    private void recordGroup(String group, Instant start, Instant end, String loadBefore, String loadAfter)
            throws IOException {
        Path file = dir.resolve("models-runs.json");
        ObjectNode runs = Files.exists(file) ? (ObjectNode) JSON.readTree(file.toFile()) : JSON.createObjectNode();
        ObjectNode run = runs.putObject(group);
        run.put("start", start.truncatedTo(ChronoUnit.SECONDS).toString());
        run.put("minutes", Math.round((end.toEpochMilli() - start.toEpochMilli()) / 600.0) / 100.0);
        run.put("loadAverageBefore", loadBefore);
        run.put("loadAverageAfter", loadAfter);
        run.put("quick", quick);
        run.put("cpu", cpuModel());
        run.put("machine", machine());
        run.put("cores", Runtime.getRuntime().availableProcessors());
        run.put("runnerJvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        run.put("commit", command("git", "rev-parse", "--short", "HEAD"));
        run.put("uncommittedSources", command("git", "status", "--short", "--untracked-files=no", "--", "kernels-simd",
                "runtime", "generated-samples", "converter", "jmh/src"));
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), runs);
    }

    /** A command's output, trimmed, or "?" when it cannot run. */
    static String command(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor() == 0 ? out : "?";
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    /**
     * What {@code lscpu} says of the processor that bears on the kernels: family and model (which
     * tell AMD Zen generations and Intel cores apart when the model name is generic, as in a VM),
     * whether AVX-512 is there, and the cache sizes.
     */
    static String machine() {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : command("lscpu").split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        boolean avx512 = (" " + fields.getOrDefault("Flags", "") + " ").contains(" avx512f ");
        return String.format("%s, %s; family %s model %s; %s; L1d %s, L2 %s, L3 %s",
                fields.getOrDefault("Vendor ID", "?"), fields.getOrDefault("Hypervisor vendor", "no hypervisor"),
                fields.getOrDefault("CPU family", "?"), fields.getOrDefault("Model", "?"),
                avx512 ? "AVX-512" : "no AVX-512", fields.getOrDefault("L1d cache", "?"),
                fields.getOrDefault("L2 cache", "?"), fields.getOrDefault("L3 cache", "?"));
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return "?";
        }
        return "?";
    }

    /**
     * Replaces the results of {@code group} in models.json (JMH's JSON array, each run tagged with the
     * group that produced it in an extra {@value #GROUP_FIELD} field) by the runs in {@code parts}, and
     * deletes the parts. Other groups' runs stay, so one group can be re-run alone.
     */
    private void store(String group, List<Path> parts) throws IOException {
        Path file = dir.resolve("models.json");
        ArrayNode merged = JSON.createArrayNode();
        if (Files.exists(file)) {
            for (JsonNode run : JSON.readTree(file.toFile())) {
                if (!group.equals(run.path(GROUP_FIELD).asText())) {
                    merged.add(run);
                }
            }
        }
        for (Path part : parts) {
            if (Files.exists(part)) {
                for (JsonNode run : JSON.readTree(part.toFile())) {
                    ((ObjectNode) run).put(GROUP_FIELD, group);
                    merged.add(run);
                }
                Files.delete(part);
            }
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), merged);
    }
}
