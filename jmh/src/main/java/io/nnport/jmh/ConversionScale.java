package io.nnport.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorShapeProto;

/**
 * How conversion time grows with the number of layers, end to end as a user runs it: a fresh
 * {@code java -jar converter.jar} per model (import, plan, code generation, javac, jar), timed
 * from process start to exit. The models are chains of alternating Relu and Tanh on a [B, 16]
 * input, one layer per op (no fusion applies), built in memory with TensorFlow Java's GraphDef
 * protos; the charCNN sample is timed the same way. The converter's {@code --verbose} step times
 * are kept per run, so a step that grows faster than the others shows.
 *
 * <pre>java -cp "jmh/target/benchmarks.jar:$(cat jmh/target/model-classpath.txt)" io.nnport.jmh.ConversionScale jmh/results</pre>
 *
 * writes {@code conversion-scale.json} and {@code conversion-scale.md} to the results directory.
 */
final class ConversionScale {

    /** Chain lengths measured; the largest is the documented target (under 60 s, jar included). */
    private static final int[] CHAINS = {1_000, 10_000, 100_000, 200_000};
    private static final int WIDTH = 16;
    private static final int CHARCNN_RUNS = 3;
    private static final long TIMEOUT_SECONDS = 600;
    /** A converter step of {@code --verbose}: {@code plan and generate   4643 ms}. */
    private static final Pattern STEP = Pattern.compile("^([a-z][a-z ()]*?)\\s+(\\d+) ms$");
    /** An import pass of {@code --verbose}: {@code fold-constants  23212 ->  23114   120 ms}. */
    private static final Pattern PASS = Pattern.compile("^(\\S+)\\s+\\d+ ->\\s+\\d+\\s+(\\d+) ms$");
    private static final Pattern LAYERS = Pattern.compile(": (\\d+) layers,");

    private ConversionScale() {}

    /** One converter process: its exit code, wall time, layer count, step and pass times, and last line. */
    record Run(int exitCode, double seconds, int layers, Map<String, Long> stepMillis, Map<String, Long> passMillis,
               String lastLine) {}

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "jmh/results");
        Path converter = Path.of(args.length > 1 ? args[1] : "converter/target/converter.jar");
        if (!Files.isRegularFile(converter)) {
            throw new IllegalStateException(converter + " is missing: build first (./mvnw -B -q -DskipTests package)");
        }
        Path work = Files.createTempDirectory("nnport-scale");
        try {
            List<Map<String, Object>> chains = new ArrayList<>();
            for (int n : CHAINS) {
                Path pb = work.resolve("chain" + n + ".pb");
                Files.write(pb, chain(n).toByteArray());
                Run run = convert(converter, pb, work.resolve("out"));
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("ops", n);
                row.put("layers", run.layers());
                row.put("exitCode", run.exitCode());
                row.put("seconds", run.seconds());
                row.put("layersPerSecond", run.exitCode() == 0 ? run.layers() / run.seconds() : 0);
                row.put("stepMillis", run.stepMillis());
                row.put("importPassMillis", run.passMillis());
                row.put("lastLine", run.lastLine());
                chains.add(row);
                System.out.printf(Locale.ROOT, "chain %,d: exit %d, %.1f s, %s%n", n, run.exitCode(), run.seconds(),
                        run.lastLine());
            }
            List<Double> charcnn = new ArrayList<>();
            for (int r = 0; r < CHARCNN_RUNS; r++) {
                Run run = convert(converter, Path.of("generated-samples/models/charcnn.pb"), work.resolve("out"));
                if (run.exitCode() != 0) {
                    throw new IllegalStateException("charcnn did not convert: " + run.lastLine());
                }
                charcnn.add(run.seconds());
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("date", java.time.LocalDate.now().toString());
            report.put("java", System.getProperty("java.version"));
            report.put("cores", Runtime.getRuntime().availableProcessors());
            report.put("chains", chains);
            report.put("charcnnSeconds", charcnn);
            report.put("charcnnMedianSeconds", median(charcnn));
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(results.resolve("conversion-scale.json").toFile(), report);
            Files.writeString(results.resolve("conversion-scale.md"), markdown(report, chains, charcnn));
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** x [B, 16] -> Relu -> Tanh -> Relu -> ... ({@code n} ops). */
    static GraphDef chain(int n) {
        AttrValue floatType = AttrValue.newBuilder().setType(DataType.DT_FLOAT).build();
        GraphDef.Builder g = GraphDef.newBuilder();
        g.addNode(NodeDef.newBuilder().setName("x").setOp("Placeholder").putAttr("dtype", floatType)
                .putAttr("shape", AttrValue.newBuilder().setShape(TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dim.newBuilder().setSize(-1))
                        .addDim(TensorShapeProto.Dim.newBuilder().setSize(WIDTH))).build()));
        String previous = "x";
        for (int i = 0; i < n; i++) {
            String name = "layer" + i;
            g.addNode(NodeDef.newBuilder().setName(name).setOp(i % 2 == 0 ? "Relu" : "Tanh").addInput(previous)
                    .putAttr("T", floatType));
            previous = name;
        }
        return g.build();
    }

    private static Run convert(Path converter, Path model, Path out) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = Files.createTempFile("nnport-scale", ".log");
        try {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(java.toString(), "-jar", converter.toString(), model.toString(),
                    "-o", out.toString(), "--force", "--verbose")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return new Run(-1, TIMEOUT_SECONDS, 0, Map.of(), Map.of(), "timed out after " + TIMEOUT_SECONDS + " s");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            Map<String, Long> steps = new LinkedHashMap<>();
            Map<String, Long> passes = new LinkedHashMap<>();
            int layers = 0;
            for (String line : lines) {
                Matcher step = STEP.matcher(line);
                if (step.matches()) {
                    steps.merge(step.group(1).trim(), Long.parseLong(step.group(2)), Long::sum);
                }
                Matcher pass = PASS.matcher(line);
                if (pass.matches()) {
                    passes.merge(pass.group(1), Long.parseLong(pass.group(2)), Long::sum);
                }
                Matcher count = LAYERS.matcher(line);
                if (count.find()) {
                    layers = Integer.parseInt(count.group(1));
                }
            }
            return new Run(p.exitValue(), seconds, layers, steps, passes, lines.isEmpty() ? "" : lines.get(lines.size() - 1));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The {@code n} largest entries of a name -> milliseconds map, largest first. */
    private static String slowest(Object millis, int n) {
        @SuppressWarnings("unchecked")
        Map<String, Long> map = (Map<String, Long>) millis;
        return String.join(", ", map.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                .map(e -> e.getKey() + " " + e.getValue()).toList());
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String markdown(Map<String, Object> report, List<Map<String, Object>> chains, List<Double> charcnn) {
        StringBuilder md = new StringBuilder();
        md.append("# Conversion time against model size\n\n");
        md.append(String.format(Locale.ROOT, "Measured %s on Java %s, %d cores, by `ConversionScale` (see jmh/README.md):"
                + " one `java -jar converter/target/converter.jar MODEL --verbose` process per model, start to exit,"
                + " jar included.%n%n", report.get("date"), report.get("java"), report.get("cores")));
        md.append("| Relu/Tanh chain | layers | exit | seconds | layers/s | steps (ms) | slowest import passes (ms) |\n");
        md.append("|---:|---:|---:|---:|---:|---|---|\n");
        for (Map<String, Object> row : chains) {
            md.append(String.format(Locale.ROOT, "| %,d | %,d | %d | %.1f | %,.0f | %s | %s |%n", row.get("ops"),
                    row.get("layers"), row.get("exitCode"), row.get("seconds"), row.get("layersPerSecond"),
                    slowest(row.get("stepMillis"), 6), slowest(row.get("importPassMillis"), 3)));
        }
        md.append(String.format(Locale.ROOT, "%ncharCNN sample (generated-samples/models/charcnn.pb), %d runs: %s s,"
                        + " median %.2f s.%n", charcnn.size(),
                Arrays.toString(charcnn.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toArray()),
                median(charcnn)));
        for (Map<String, Object> row : chains) {
            if ((int) row.get("exitCode") != 0) {
                md.append(String.format(Locale.ROOT, "%nThe %,d-op chain: `%s`%n", row.get("ops"), row.get("lastLine")));
            }
        }
        return md.toString();
    }
}
