package io.nnport.runtime;

import io.nnport.kernels.Simd;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The command line of every model jar:
 *
 * <pre>
 *   predict --input [NAME=]FILE.npy ... [--output FILE.npy | --output-dir DIR]
 *   info
 *   bench [--batch B] [--threads T] [--warmup N] [--runs N]
 * </pre>
 *
 * Without {@code --output}/{@code --output-dir}, predict prints each output, one line per entry of
 * every dimension but the last, with the arg max over the last dimension for float outputs (one line
 * per sample of a classifier, batched or of fixed batch). Bad arguments or files, a corrupt weights
 * resource and a batch too large for memory end in one line on stderr and exit code 2; outputs are
 * written to a temporary file and renamed, so a failed run never leaves half a file. The parser is written out
 * here rather than taken from a library to keep model jars free of dependencies.
 */
public final class ModelCli {

    /** Exit code for bad arguments or input files. */
    public static final int EXIT_BAD_INPUT = 2;

    private static final int BENCH_SEED = 42;
    private static final int PRINT_LIMIT = 32;

    private final String name;
    private final IntFunction<ConvertedModel> loader;
    private final int defaultThreads;
    private final PrintStream out;
    private final PrintStream err;

    /** Thrown for a user error; the message is printed as is. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /**
     * @param name           the model's name, for messages
     * @param loader         loads the model with a given number of intra-op threads
     * @param defaultThreads the thread count chosen at conversion
     */
    public ModelCli(String name, IntFunction<ConvertedModel> loader, int defaultThreads, PrintStream out,
                    PrintStream err) {
        this.name = name;
        this.loader = loader;
        this.defaultThreads = defaultThreads;
        this.out = out;
        this.err = err;
    }

    /** Runs one command and returns the process exit code. */
    public int run(String... args) {
        try {
            if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
                out.print(usage());
                return args.length == 0 ? EXIT_BAD_INPUT : 0;
            }
            Map<String, List<String>> options = parse(Arrays.copyOfRange(args, 1, args.length));
            switch (args[0]) {
                case "predict" -> predict(options);
                case "info" -> info(options);
                case "bench" -> bench(options);
                default -> throw new UsageException("unknown command '" + args[0] + "'\n" + usage());
            }
            return 0;
        } catch (FileSystemException e) {
            err.println("error: " + FileSystemMessages.describe(e));
            return EXIT_BAD_INPUT;
        } catch (UsageException | IOException | IllegalArgumentException | IndexOutOfBoundsException e) {
            // IndexOutOfBounds: an embedding id outside the table, reported by the gather kernel.
            err.println("error: " + e.getMessage());
            return EXIT_BAD_INPUT;
        } catch (OutOfMemoryError e) {
            err.println("error: not enough memory for this batch (" + e.getMessage()
                    + "); use a smaller batch or give the JVM more heap with -Xmx");
            return EXIT_BAD_INPUT;
        }
    }

    private String usage() {
        return "usage: java --add-modules jdk.incubator.vector -jar " + name + ".jar COMMAND\n"
                + "  predict --input [NAME=]FILE.npy ... [--output FILE.npy | --output-dir DIR]\n"
                + "  info\n"
                + "  bench [--batch B] [--threads T] [--warmup N] [--runs N]\n";
    }

    /** Loads the model; a missing or corrupt weights resource is the user's jar, not a bug: one line. */
    private ConvertedModel load(int threads) throws UsageException {
        try {
            return loader.apply(threads);
        } catch (IllegalStateException e) {
            throw new UsageException(name + ".jar: " + e.getMessage());
        }
    }

    private static Map<String, List<String>> parse(String[] args) throws UsageException {
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            if (!key.startsWith("--")) {
                throw new UsageException("unexpected argument '" + key + "'");
            }
            String value;
            int eq = key.indexOf('=');
            if (eq > 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException(key + " needs a value");
            }
            options.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return options;
    }

    private static void allow(Map<String, List<String>> options, String... keys) throws UsageException {
        List<String> allowed = List.of(keys);
        for (String key : options.keySet()) {
            if (!allowed.contains(key)) {
                throw new UsageException("unknown option " + key + (allowed.isEmpty() ? "" : " (expected one of " + allowed + ")"));
            }
        }
    }

    private static int intOption(Map<String, List<String>> options, String key, int fallback, int min)
            throws UsageException {
        List<String> v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.get(v.size() - 1));
            if (n < min) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(key + " needs a whole number >= " + min + ", not '" + v.get(v.size() - 1) + "'");
        }
    }

    // ---------------------------------------------------------------- predict

    private void predict(Map<String, List<String>> options) throws UsageException, IOException {
        allow(options, "--input", "--output", "--output-dir");
        ConvertedModel model = load(defaultThreads);
        List<TensorSpec> inputs = model.inputs();
        List<String> given = options.getOrDefault("--input", List.of());
        if (given.isEmpty()) {
            throw new UsageException("predict needs --input [NAME=]FILE.npy for " + names(inputs));
        }
        Map<String, Path> files = new LinkedHashMap<>();
        for (String g : given) {
            int eq = g.indexOf('=');
            String inputName;
            Path file;
            if (eq > 0 && !Files.exists(Path.of(g))) {
                inputName = g.substring(0, eq);
                file = Path.of(g.substring(eq + 1));
            } else if (inputs.size() == 1) {
                inputName = inputs.get(0).name();
                file = Path.of(g);
            } else {
                throw new UsageException("the model has " + inputs.size() + " inputs " + names(inputs)
                        + "; name each one: --input NAME=FILE.npy");
            }
            if (inputs.stream().noneMatch(s -> s.name().equals(inputName))) {
                throw new UsageException("the model has no input '" + inputName + "'; its inputs are " + names(inputs));
            }
            if (files.put(inputName, file) != null) {
                throw new UsageException("input '" + inputName + "' is given twice");
            }
        }
        Object[] arrays = new Object[inputs.size()];
        int batch = -1;
        for (int i = 0; i < inputs.size(); i++) {
            TensorSpec spec = inputs.get(i);
            Path file = files.get(spec.name());
            if (file == null) {
                throw new UsageException("missing --input for '" + spec.name() + "' " + spec.shapeText());
            }
            if (!Files.isRegularFile(file)) {
                throw new UsageException("input file " + file + " does not exist");
            }
            NpyArray array = Npy.read(file);
            int b = batchOf(spec, array, file);
            if (batch >= 0 && b != batch) {
                throw new UsageException("inputs disagree on the batch size: " + batch + " and " + b + " (" + file + ")");
            }
            batch = b;
            arrays[i] = convert(spec, array, file);
        }
        List<TensorSpec> outputs = model.outputs();
        Object[] results = Tensors.newArrays(outputs, batch);
        String single = last(options, "--output");
        String dir = last(options, "--output-dir");
        if (single != null && dir != null) {
            throw new UsageException("give either --output or --output-dir, not both");
        }
        if (single != null && outputs.size() != 1) {
            throw new UsageException("the model has " + outputs.size() + " outputs " + names(outputs)
                    + "; use --output-dir DIR");
        }
        model.run(arrays, batch, results);
        if (single != null) {
            writeAtomically(Path.of(single), toNpy(outputs.get(0), results[0], batch));
            out.println("wrote " + single);
        } else if (dir != null) {
            Path d = Path.of(dir);
            Files.createDirectories(d);
            for (int o = 0; o < outputs.size(); o++) {
                Path file = d.resolve(fileName(outputs.get(o).name()) + ".npy");
                writeAtomically(file, toNpy(outputs.get(o), results[o], batch));
                out.println("wrote " + file);
            }
        } else {
            for (int o = 0; o < outputs.size(); o++) {
                print(outputs.get(o), results[o], batch);
            }
        }
    }

    /** The output file name for a tensor: every character outside [A-Za-z0-9_.-] becomes '_'. */
    public static String fileName(String tensorName) {
        return tensorName.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static int batchOf(TensorSpec spec, NpyArray array, Path file) throws UsageException {
        int[] want = spec.shape();
        int[] got = array.shape();
        boolean ok = want.length == got.length;
        for (int d = spec.batched() ? 1 : 0; ok && d < want.length; d++) {
            ok = want[d] == got[d];
        }
        if (!ok || (spec.batched() && got[0] < 1)) {
            throw new UsageException(file + " has shape " + Arrays.toString(got) + " but input '" + spec.name()
                    + "' needs " + spec.shapeText());
        }
        return spec.batched() ? got[0] : 1;
    }

    private static Object convert(TensorSpec spec, NpyArray array, Path file) throws UsageException {
        try {
            return switch (spec.dtype()) {
                case FLOAT32 -> array.dtype() == NpyArray.DType.FLOAT32 ? array.data() : array.asFloats();
                case INT32 -> array.asInts();
                case INT64 -> {
                    if (array.dtype() == NpyArray.DType.INT64) {
                        yield array.data();
                    }
                    int[] v = array.asInts();
                    long[] l = new long[v.length];
                    for (int i = 0; i < v.length; i++) {
                        l[i] = v[i];
                    }
                    yield l;
                }
                case BOOL -> {
                    if (array.dtype() != NpyArray.DType.BOOL) {
                        throw new UsageException(file + " holds " + array.dtype() + " but input '" + spec.name()
                                + "' is bool");
                    }
                    yield array.data();
                }
            };
        } catch (IllegalArgumentException e) {
            throw new UsageException(file + ": " + e.getMessage());
        }
    }

    private static NpyArray toNpy(TensorSpec spec, Object data, int batch) {
        return new NpyArray(spec.dtype(), spec.shape(batch), data);
    }

    private static void writeAtomically(Path file, NpyArray array) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        // Said of the directory the user named, not of the temporary file's name.
        if (!Files.exists(parent)) {
            throw new NoSuchFileException(parent.toString());
        } else if (!Files.isDirectory(parent)) {
            throw new NotDirectoryException(parent.toString());
        }
        Path tmp = Staging.newFile(parent, "." + file.getFileName() + ".tmp-");
        try {
            Npy.write(tmp, array);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Prints one line per entry of every dimension but the last ({@code [i]} or {@code [i,j]}), so a
     * fixed-batch classifier's [100,10] output shows 100 rows like a batched one; a batched [B]
     * output shows one value per sample, any other rank-0 or rank-1 output one line.
     */
    private void print(TensorSpec spec, Object data, int batch) {
        int[] shape = spec.shape(batch);
        out.println(spec.name() + " " + Arrays.toString(shape) + " " + spec.dtype().name().toLowerCase(Locale.ROOT));
        int elements = spec.elements(batch);
        int perRow = shape.length >= 2 ? shape[shape.length - 1] : spec.batched() ? 1 : elements;
        int rows = perRow == 0 ? 0 : elements / perRow;
        for (int r = 0; r < rows; r++) {
            StringBuilder line = new StringBuilder("  " + rowLabel(shape, r) + " ");
            int argmax = 0;
            for (int i = 0; i < perRow; i++) {
                int at = r * perRow + i;
                if (i < PRINT_LIMIT) {
                    line.append(i > 0 ? " " : "").append(valueText(data, at));
                }
                if (data instanceof float[] f && f[at] > f[r * perRow + argmax]) {
                    argmax = i;
                }
            }
            if (perRow > PRINT_LIMIT) {
                line.append(" ... (").append(perRow).append(" values)");
            }
            if (data instanceof float[] && perRow > 1) {
                line.append("   argmax=").append(argmax);
            }
            out.println(line);
        }
    }

    /** The index of row {@code r} over every dimension of {@code shape} but the last, e.g. {@code [3,1]}. */
    private static String rowLabel(int[] shape, int r) {
        int leading = Math.max(shape.length - 1, 1);
        int[] index = new int[leading];
        for (int d = leading - 1, rest = r; d >= 0; d--) {
            int size = shape.length >= 2 ? shape[d] : Integer.MAX_VALUE;
            index[d] = rest % size;
            rest /= size;
        }
        StringBuilder label = new StringBuilder("[");
        for (int d = 0; d < leading; d++) {
            label.append(d > 0 ? "," : "").append(index[d]);
        }
        return label.append(']').toString();
    }

    private static String valueText(Object data, int i) {
        if (data instanceof float[] f) {
            return String.format(Locale.ROOT, "%.6g", f[i]);
        } else if (data instanceof int[] v) {
            return Integer.toString(v[i]);
        } else if (data instanceof long[] v) {
            return Long.toString(v[i]);
        }
        return Boolean.toString(((boolean[]) data)[i]);
    }

    // ---------------------------------------------------------------- info

    private void info(Map<String, List<String>> options) throws UsageException {
        allow(options);
        ConvertedModel model = load(defaultThreads);
        out.println("model: " + name);
        out.println("kernels: " + Simd.describe());
        out.println("threads: " + defaultThreads);
        for (TensorSpec s : model.inputs()) {
            out.println("input:  " + s.name() + " " + s.shapeText() + " " + s.dtype().name().toLowerCase(Locale.ROOT));
        }
        for (TensorSpec s : model.outputs()) {
            out.println("output: " + s.name() + " " + s.shapeText() + " " + s.dtype().name().toLowerCase(Locale.ROOT));
        }
        out.print(model.describe());
    }

    // ---------------------------------------------------------------- bench

    private void bench(Map<String, List<String>> options) throws UsageException {
        allow(options, "--batch", "--threads", "--warmup", "--runs");
        int batch = intOption(options, "--batch", 1, 1);
        int threads = intOption(options, "--threads", defaultThreads, 1);
        int warmup = intOption(options, "--warmup", 20, 0);
        int runs = intOption(options, "--runs", 100, 1);
        ConvertedModel model = load(threads);
        List<TensorSpec> inputs = model.inputs();
        for (TensorSpec s : inputs) {
            if (!s.batched() && batch != 1) {
                throw new UsageException("input '" + s.name() + "' has a fixed shape " + s.shapeText()
                        + "; bench it with --batch 1");
            }
        }
        Object[] in = Tensors.seededInputs(inputs, batch, BENCH_SEED);
        Object[] results = Tensors.newArrays(model.outputs(), batch);
        for (int i = 0; i < warmup; i++) {
            model.run(in, batch, results);
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            model.run(in, batch, results);
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        out.printf(Locale.ROOT, "%s: %s, batch %d, %d intra-op thread(s), %d warm-up + %d timed runs%n",
                name, Simd.describe(), batch, threads, warmup, runs);
        out.printf(Locale.ROOT, "mean %.3f ms, min %.3f ms, max %.3f ms%n", mean, nanos[0] / 1e6, nanos[runs - 1] / 1e6);
        out.printf(Locale.ROOT, "batch=%d threads=%d p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f%n", batch, threads,
                percentile(nanos, 50), percentile(nanos, 90), percentile(nanos, 99));
    }

    /** Nearest-rank percentile of sorted {@code nanos}, in milliseconds. */
    static double percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1] / 1e6;
    }

    private static String last(Map<String, List<String>> options, String key) {
        List<String> v = options.get(key);
        return v == null ? null : v.get(v.size() - 1);
    }

    private static List<String> names(List<TensorSpec> specs) {
        return specs.stream().map(TensorSpec::name).toList();
    }
}
