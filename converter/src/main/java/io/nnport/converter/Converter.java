package io.nnport.converter;

import com.palantir.javapoet.JavaFile;
import io.nnport.converter.codegen.Int64Inputs;
import io.nnport.converter.codegen.ModelClassWriter;
import io.nnport.converter.codegen.ModelNames;
import io.nnport.converter.codegen.PomWriter;
import io.nnport.converter.codegen.SupportWriters;
import io.nnport.converter.codegen.UnsupportedLayerException;
import io.nnport.converter.codegen.Versions;
import io.nnport.converter.jar.InProcessCompiler;
import io.nnport.converter.jar.ModelJarWriter;
import io.nnport.converter.jar.OutputDirectory;
import io.nnport.converter.plan.PlanValue;
import io.nnport.converter.report.ConversionReport;
import io.nnport.frontend.FrontEnds;
import io.nnport.frontend.Import;
import io.nnport.frontend.ImportOptions;
import io.nnport.ir.Shape;
import io.nnport.ir.layers.LayerGraph;
import io.nnport.runtime.Npy;
import io.nnport.runtime.NpyArray;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * One conversion, start to end: import the model into a layer graph (the front end is detected
 * from the file's content), plan buffers and write the model's Java, compute reference outputs with
 * the layer interpreter, compile and jar it, and publish {@code DIR/<name>/} at once. Nothing is written when any step fails.
 */
public final class Converter {

    /** Package of generated classes unless {@code --package} says otherwise. */
    public static final String DEFAULT_PACKAGE = "io.nnport.models";


    private Converter() {}

    /** nnport's version, from the build. */
    public static String version() {
        return Versions.get("nnport.version");
    }

    /** Everything generated for one model, before anything is written. */
    public record Generated(ModelNames names, Import imported, ModelClassWriter model,
                            List<JavaFile> mainSources, List<JavaFile> testSources) {

        /** The layer graph the model class computes: the imported one with its int64 inputs' entry casts. */
        public LayerGraph graph() {
            return model.graph();
        }

        /** The weights resource, encoded anew on each call. */
        public byte[] encodeWeights() {
            return model.weightTable().encode();
        }
    }

    /** Imports the model and generates its sources and weights, in memory. */
    public static Generated generate(ConversionOptions options) {
        ModelNames names = names(options);
        Map<String, Shape> shapes = new LinkedHashMap<>();
        options.inputShapes().forEach((name, dims) -> shapes.put(name, Shape.of(dims)));
        PrintWriter log = options.log();
        ImportOptions importOptions = new ImportOptions(shapes, options.constants(), options.outputs(),
                log == null ? null : line -> {
                    log.println(line);
                    log.flush();
                }, options.signature(), options.tag());
        Stopwatch watch = new Stopwatch(log);
        Import imported = FrontEnds.read(options.model(), importOptions);
        watch.lap("import");
        LayerGraph graph = Int64Inputs.narrowed(imported.graph());
        ModelClassWriter model = new ModelClassWriter(graph, names, options.threads());
        List<JavaFile> modelSources;
        try {
            modelSources = model.write();
            watch.lap("plan and generate");
        } catch (UnsupportedLayerException e) {
            throw new BadInputException(options.model().getFileName() + ": " + e.getMessage());
        }
        List<Integer> batches = References.batches(graph);
        List<JavaFile> mainSources = new ArrayList<>(modelSources);
        mainSources.add(SupportWriters.main(names));
        return new Generated(names, imported, model, mainSources,
                List.of(SupportWriters.test(names, batches), SupportWriters.benchmark(names, benchmarkBatches(graph))));
    }

    /** Converts and publishes {@code options.outputDir()/<name>/}. */
    public static ConversionResult convert(ConversionOptions options) throws IOException {
        long start = System.nanoTime();
        if (options.threads() < 1) {
            throw new BadInputException("--threads must be at least 1");
        }
        // javac's first run in a JVM spends most of its time loading and warming itself up: that
        // happens while the model is read.
        if (!options.sourceOnly()) {
            background("nnport-javac-warm-up", () -> InProcessCompiler.warmUp(ModelJarWriter.runtimeLocations()));
        }
        Generated g = generate(options);
        ModelNames names = g.names();
        Stopwatch watch = new Stopwatch(options.log());
        // The reference interpreter and javac are the slow parts: they run beside each other and
        // beside encoding the weights and writing the sources.
        FutureTask<References> references = background("nnport-references",
                () -> References.compute(g.graph()));
        FutureTask<Map<String, byte[]>> classes = options.sourceOnly() ? null : background("nnport-javac",
                () -> compile(g));
        byte[] weights = g.encodeWeights();
        watch.lap("encode weights");
        Path jar = null;
        Path directory;
        try (OutputDirectory out = OutputDirectory.create(options.outputDir().resolve(names.modelName()), options.force())) {
            Path src = out.file("src/pom.xml").getParent();
            Files.writeString(src.resolve("pom.xml"), PomWriter.pom(names, options));
            for (JavaFile f : g.mainSources()) {
                f.writeTo(src.resolve("src/main/java"));
            }
            for (JavaFile f : g.testSources()) {
                f.writeTo(src.resolve("src/test/java"));
            }
            if (options.weightsFrom() == null) {
                Files.write(out.file("src/src/main/resources/" + names.weightsPath()), weights);
            }
            for (Map.Entry<String, byte[]> resource : g.model().resources().entrySet()) {
                Files.write(out.file("src/src/main/resources/" + resource.getKey()), resource.getValue());
            }
            String resources = "src/src/test/resources/" + names.javaPackage().replace('.', '/') + "/";
            watch.lap("write sources");
            if (!options.sourceOnly()) {
                jar = out.staging().resolve(names.modelName() + ".jar");
                Map<String, byte[]> entries = new LinkedHashMap<>(await(classes));
                watch.lap("compile (waited for)");
                entries.put(names.weightsPath(), weights);
                entries.putAll(g.model().resources());
                ModelJarWriter.write(jar, entries, names.qualified(names.mainClass()), "nnport " + version());
                watch.lap("write the jar");
            }
            for (Map.Entry<String, NpyArray> ref : await(references).files().entrySet()) {
                Npy.write(out.file(resources + ref.getKey()), ref.getValue());
            }
            watch.lap("reference outputs (waited for)");
            ConversionReport report = report(g, weights.length, options, (System.nanoTime() - start) / 1_000_000);
            Files.writeString(out.file("report.md"), report.toMarkdown());
            Files.writeString(out.file("report.json"), report.toJson());
            directory = out.publish();
            return new ConversionResult(directory, jar == null ? null : directory.resolve(jar.getFileName()), report);
        }
    }

    /** Logs the time each step took, with --verbose. */
    private static final class Stopwatch {
        private final PrintWriter log;
        private long last = System.nanoTime();

        Stopwatch(PrintWriter log) {
            this.log = log;
        }

        void lap(String step) {
            long now = System.nanoTime();
            if (log != null) {
                log.printf("%-32s %6d ms%n", step, (now - last) / 1_000_000);
                log.flush();
            }
            last = now;
        }
    }

    private static <T> T await(FutureTask<T> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while converting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Writes only the weights resource of {@code options}' model to {@code file} (a build step of samples). */
    public static void writeWeights(ConversionOptions options, Path file) throws IOException {
        Generated g = generate(options);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, g.encodeWeights());
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Compiles the model's main sources in memory: class files by jar path. */
    static Map<String, byte[]> compile(Generated g) {
        List<InProcessCompiler.Source> sources = new ArrayList<>();
        for (JavaFile f : g.mainSources()) {
            sources.add(new InProcessCompiler.Source(f.packageName() + "." + f.typeSpec().name(), f.toString()));
        }
        return InProcessCompiler.compile(sources, ModelJarWriter.runtimeLocations());
    }

    private static <T> FutureTask<T> background(String name, java.util.concurrent.Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    private static ConversionReport report(Generated g, long weightBytes, ConversionOptions options, long millis) {
        List<ConversionReport.LayerRow> rows = new ArrayList<>();
        long flops = 0;
        for (ModelClassWriter.LayerSummary s : g.model().layers()) {
            List<String> ins = new ArrayList<>();
            for (String in : s.node().inputs()) {
                ins.add(shape(g.graph(), in));
            }
            List<String> outs = new ArrayList<>();
            for (String out : s.node().outputs()) {
                outs.add(shape(g.graph(), out));
            }
            rows.add(new ConversionReport.LayerRow(s.id(), s.node().layer().kindName(), s.node().layer().describe(),
                    s.node().sourceNodes(), ins, String.join(" ", outs), s.params(), s.flopsPerSample(), s.inPlace(),
                    s.mutable(), s.storage()));
            flops += s.flopsPerSample();
        }
        var plan = g.model().plan();
        long arena = 4 * (plan.peak(PlanValue.Arena.FLOAT) + plan.peak(PlanValue.Arena.INT));
        long unshared = 4 * (plan.unshared(PlanValue.Arena.FLOAT) + plan.unshared(PlanValue.Arena.INT));
        return new ConversionReport(g.names().modelName(), g.names().sourceFileName(), version(), rows,
                g.model().weightTable().params(), weightBytes, arena, unshared, flops, millis);
    }

    private static String shape(LayerGraph graph, String value) {
        int[] dims = graph.value(value).shape().dims();
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            b.append(i > 0 ? "," : "").append(dims[i] < 0 ? "B" : Integer.toString(dims[i]));
        }
        return b.append(']').toString();
    }

    /** Benchmark batch sizes: 1 and 32 for a dynamic batch, 1 (the fixed shapes) otherwise. */
    private static List<Integer> benchmarkBatches(LayerGraph graph) {
        return graph.inputs().stream().anyMatch(v -> v.batched()) ? List.of(1, 32) : List.of(1);
    }

    private static ModelNames names(ConversionOptions options) {
        String file = options.model().getFileName().toString();
        String name = options.name();
        if (name == null) {
            String stem = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
            name = stem.replaceAll("[^A-Za-z0-9_.-]", "_").replaceAll("^[.-]+", "");
            if (name.isEmpty()) {
                name = "model";
            }
        }
        try {
            return new ModelNames(name, options.javaPackage(), file, version());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }
}
