package io.nnport.jmh;

import io.nnport.kernels.Simd;
import io.nnport.kernels.gemm.GemmVariant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the kernel benchmarks and writes {@code results/kernels.json} (JMH's JSON, one array),
 * {@code results/kernels.md} and {@code results/kernels.png} under the directory given as the first
 * argument (default {@code jmh/results}). Variants come from {@link GemmVariant#available()}, the
 * registry the tests use. Widths: everything at the machine's preferred species, then SGEMM at 512
 * and the charCNN shapes, with the peak probe, capped at 256 and 128 bits to choose those widths'
 * tiles; softmax, activations, max pooling and nearest resize run against their scalar twins at the
 * preferred width.
 * See jmh/README.md.
 */
public final class KernelBenchmarks {

    private KernelBenchmarks() {}

    /** One JMH run's results at one vector width. */
    record WidthResults(int maxBits, List<RunResult> results) {}

    public static void main(String[] args) throws RunnerException, IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "jmh/results");
        Files.createDirectories(dir);
        List<String> vector = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (GemmVariant variant : GemmVariant.available()) {
            all.add(variant.name());
            if (variant.isVector()) {
                vector.add(variant.name());
            }
        }
        if (vector.isEmpty()) {
            throw new IllegalStateException("the kernel benchmarks need the Vector API: " + Simd.describe());
        }
        String ranOn = Instant.now().truncatedTo(ChronoUnit.SECONDS) + " on " + ModelBenchmarks.cpuModel() + ", "
                + Runtime.getRuntime().availableProcessors() + " core(s) available to the runner (`lscpu`: " + ModelBenchmarks.machine() + ")";
        List<WidthResults> runs = new ArrayList<>();
        List<Path> jsons = new ArrayList<>();
        int preferred = Simd.vectorBits();
        Path json = dir.resolve("kernels-" + preferred + ".json");
        List<RunResult> main = run(options(preferred, json)
                .include(PeakFmaBenchmark.class.getSimpleName())
                .include(MemoryBandwidthBenchmark.class.getSimpleName())
                .include(GemvBenchmark.class.getSimpleName())
                .include(Conv1dBenchmark.class.getSimpleName())
                .include(GroupedConvBenchmark.class.getSimpleName())
                .param("variant", all.toArray(String[]::new)));
        jsons.add(json);
        json = dir.resolve("kernels-" + preferred + "-sgemm.json");
        main.addAll(run(options(preferred, json)
                .include(SgemmBenchmark.class.getSimpleName())
                .param("variant", vector.toArray(String[]::new))));
        jsons.add(json);
        // The scalar twin would take minutes per call at 1024 and 2048: its SGEMM baseline stops at 512.
        json = dir.resolve("kernels-" + preferred + "-scalar.json");
        main.addAll(run(options(preferred, json)
                .include(SgemmBenchmark.class.getSimpleName())
                .param("shape", "64", "128", "256", "512", "CHARCNN_CONV1", "CHARCNN_CONV2")
                .param("variant", GemmVariant.SCALAR.name())));
        jsons.add(json);
        // Softmax, activations, pooling and nearest resize: vector facade against scalar twin (their own impl
        // parameter).
        json = dir.resolve("kernels-" + preferred + "-twins.json");
        main.addAll(run(options(preferred, json)
                .include(SoftmaxBenchmark.class.getSimpleName())
                .include(ActivationBenchmark.class.getSimpleName())
                .include(MaxPool1dBenchmark.class.getSimpleName())
                .include(ResizeNearestBenchmark.class.getSimpleName())));
        jsons.add(json);
        runs.add(new WidthResults(preferred, main));
        for (int bits : new int[] {256, 128}) {
            if (bits >= preferred) {
                continue;
            }
            json = dir.resolve("kernels-" + bits + ".json");
            runs.add(new WidthResults(bits, run(options(bits, json)
                    .include(PeakFmaBenchmark.class.getSimpleName())
                    .include(SgemmBenchmark.class.getSimpleName())
                    .param("shape", "512", "CHARCNN_CONV1", "CHARCNN_CONV2")
                    .param("variant", vector.toArray(String[]::new)))));
            jsons.add(json);
        }
        mergeJson(jsons, dir.resolve("kernels.json"));
        KernelReport report = new KernelReport(runs, ranOn);
        Files.writeString(dir.resolve("kernels.md"), report.markdown(), StandardCharsets.UTF_8);
        report.chart(dir.resolve("kernels.png"));
        System.out.println(report.markdown());
    }

    private static ChainedOptionsBuilder options(int bits, Path json) {
        return new OptionsBuilder()
                .forks(1)
                .warmupIterations(4)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("--add-modules", "jdk.incubator.vector", "-Xmx4g",
                        "-D" + Simd.MAX_BITS_PROPERTY + "=" + bits)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
    }

    private static List<RunResult> run(ChainedOptionsBuilder options) throws RunnerException {
        return new ArrayList<>(new Runner(options.build()).run());
    }

    /** Concatenates JMH's per-run JSON arrays into one array. */
    private static void mergeJson(List<Path> parts, Path target) throws IOException {
        StringBuilder merged = new StringBuilder("[\n");
        for (Path part : parts) {
            String text = Files.readString(part, StandardCharsets.UTF_8).trim();
            String body = text.substring(1, text.length() - 1).trim();
            if (!body.isEmpty()) {
                if (merged.length() > 2) {
                    merged.append(",\n");
                }
                merged.append(body);
            }
            Files.delete(part);
        }
        Files.writeString(target, merged.append("\n]\n").toString(), StandardCharsets.UTF_8);
    }
}
