package io.nnport.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The memory a model needs, as the operating system sees it: the peak resident set ({@code VmHWM}
 * of {@code /proc/<pid>/status}) of a fresh JVM that loads a sample model and predicts once on its
 * batch-1 reference input, for every sample model, on JDK 17 and JDK 25, in two scenarios:
 * <ul>
 *   <li>{@code predict}: the model jar's own command, exactly as documented
 *       ({@code java --add-modules jdk.incubator.vector -jar <model>.jar predict --input x.npy});
 *   <li>{@code host}: {@link FootprintHost}, a program that embeds the model ({@code load()}, one
 *       prediction), with the model jar and the benchmark jar on its class path;
 * </ul>
 * each with the JVM's default flags, with the flags the README recommends for embedding
 * ({@link #EMBEDDING_FLAGS}), and with default flags on the scalar kernels (no
 * {@code --add-modules jdk.incubator.vector}); never an {@code -Xmx}. The target is the issue's: peak RSS at most
 * 2.5 x the weight bytes + 64 MB. Writes {@code footprint.json} (every run) and {@code footprint.md}
 * (median and max per row; a row passes when its max meets the target).
 *
 * <pre>java -cp benchmarks.jar io.nnport.jmh.Footprint RESULTS_DIR [RUNS]</pre>
 *
 * run from the repository root after {@code ./mvnw -B -q -DskipTests package} (jmh/run-footprint.sh).
 * The JDK 25 launcher is {@value #JDK25_PROPERTY} (default {@value #DEFAULT_JDK25}).
 */
public final class Footprint {

    static final String JDK25_PROPERTY = "nnport.jdk25.home";
    static final String DEFAULT_JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64";

    /**
     * The README's flags for embedding: the serial collector with a small fixed young generation, so
     * that the first predictions' garbage (the Vector API's boxed vectors, until C2 has compiled the
     * kernels) is collected every 16 MB instead of filling an eden sized from the machine's memory.
     */
    static final List<String> EMBEDDING_FLAGS = List.of("-XX:+UseSerialGC", "-Xmn16m");

    /** How often the child's status is read: VmHWM only grows, so the last value read is the peak. */
    private static final long POLL_MILLIS = 5;

    private static final double MB = 1024.0 * 1024.0;

    private Footprint() {}

    record Jdk(String name, Path java) {}

    /** How the JVM is started: its flags, and whether the kernels run on the Vector API. */
    enum Variant {
        DEFAULT("default", List.of(), true),
        EMBEDDING("`" + String.join(" ", EMBEDDING_FLAGS) + "`", EMBEDDING_FLAGS, true),
        /** Without {@code --add-modules jdk.incubator.vector}: the scalar twins, no boxed vectors. */
        SCALAR("default, scalar kernels", List.of(), false);

        final String label;
        final List<String> flags;
        final boolean vectorModule;

        Variant(String label, List<String> flags, boolean vectorModule) {
            this.label = label;
            this.flags = flags;
            this.vectorModule = vectorModule;
        }
    }

    record Config(SampleModel model, Jdk jdk, String scenario, Variant variant) {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Jdk> jdks = List.of(new Jdk("17", Path.of(System.getProperty("java.home"), "bin", "java")),
                new Jdk("25", Path.of(System.getProperty(JDK25_PROPERTY, DEFAULT_JDK25), "bin", "java")));
        List<Config> configs = new ArrayList<>();
        for (SampleModel model : SampleModel.values()) {
            for (Jdk jdk : jdks) {
                for (String scenario : List.of("predict", "host")) {
                    for (Variant variant : Variant.values()) {
                        configs.add(new Config(model, jdk, scenario, variant));
                    }
                }
            }
        }
        Instant start = Instant.now();
        String loadBefore = firstThree(ModelBenchmarks.loadAverage());
        Map<Config, List<Long>> peaks = new LinkedHashMap<>();
        // Rounds over all configurations rather than all runs of one in a row, so that a noisy
        // minute on a shared machine spreads over every row.
        for (int r = 0; r < runs; r++) {
            for (Config c : configs) {
                peaks.computeIfAbsent(c, k -> new ArrayList<>()).add(peakRss(command(c)));
            }
        }
        String loadAfter = firstThree(ModelBenchmarks.loadAverage());

        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<Config, List<Long>> e : peaks.entrySet()) {
            Config c = e.getKey();
            List<Long> sorted = e.getValue().stream().sorted().toList();
            long weights = c.model().weightBytes();
            long target = (long) (2.5 * weights) + 64L * 1024 * 1024;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", c.model().id());
            row.put("weightBytes", weights);
            row.put("jdk", c.jdk().name());
            row.put("javaVersion", ModelBenchmarks.command(c.jdk().java().toString(), "-version").lines().findFirst()
                    .orElse("?"));
            row.put("scenario", c.scenario());
            row.put("flags", c.variant().label);
            row.put("command", String.join(" ", command(c)));
            row.put("peakRssBytes", e.getValue());
            row.put("medianBytes", sorted.get(sorted.size() / 2));
            row.put("maxBytes", sorted.get(sorted.size() - 1));
            row.put("targetBytes", target);
            row.put("pass", sorted.get(sorted.size() - 1) <= target);
            rows.add(row);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("start", start.truncatedTo(ChronoUnit.SECONDS).toString());
        result.put("runsPerRow", runs);
        result.put("loadAverageBefore", loadBefore);
        result.put("loadAverageAfter", loadAfter);
        result.put("machine", ModelBenchmarks.machine());
        result.put("memory", memTotal());
        result.put("commit", ModelBenchmarks.command("git", "rev-parse", "--short", "HEAD"));
        result.put("rows", rows);
        Files.createDirectories(dir);
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve("footprint.json").toFile(), result);
        Files.writeString(dir.resolve("footprint.md"), report(result, rows), StandardCharsets.UTF_8);
    }

    /** The child JVM's command line for {@code c}. */
    static List<String> command(Config c) {
        List<String> command = new ArrayList<>();
        command.add(c.jdk().java().toString());
        command.addAll(c.variant().flags);
        if (c.variant().vectorModule) {
            command.add("--add-modules");
            command.add("jdk.incubator.vector");
        }
        Path jar = ColdStart.modelJar(c.model());
        String input = c.model().inputBatch1().toString();
        if (c.scenario().equals("predict")) {
            command.addAll(List.of("-jar", jar.toString(), "predict", "--input", input));
        } else {
            command.addAll(List.of("-cp", jar + File.pathSeparator + benchmarkJar(), FootprintHost.class.getName(),
                    c.model().modelClassName(), input));
        }
        return command;
    }

    /**
     * Runs {@code command} to its end and returns its peak resident set in bytes, read from its
     * {@code /proc/<pid>/status} every few milliseconds while it lives.
     */
    static long peakRss(List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("footprint", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Path status = Path.of("/proc", Long.toString(process.pid()), "status");
            long peak = 0;
            while (process.isAlive()) {
                peak = Math.max(peak, highWaterMark(status));
                Thread.sleep(POLL_MILLIS);
            }
            if (process.waitFor() != 0 || peak == 0) {
                throw new IllegalStateException("failed: " + String.join(" ", command) + "\n" + Files.readString(log));
            }
            return peak;
        } finally {
            Files.delete(log);
        }
    }

    /** VmHWM in bytes, or 0 once the process has gone (a zombie has no memory map). */
    private static long highWaterMark(Path status) {
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(l -> l.startsWith("VmHWM:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).orElse(0L);
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /** The jar this class runs from (benchmarks.jar), for {@link FootprintHost}. */
    private static String benchmarkJar() {
        try {
            return Path.of(Footprint.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 1, 5 and 15 minute load averages of a {@code /proc/loadavg} line. */
    private static String firstThree(String loadavg) {
        String[] parts = loadavg.split(" ");
        return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : loadavg;
    }

    private static String memTotal() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            return lines.filter(l -> l.startsWith("MemTotal:")).findFirst().map(l -> l.replaceAll("\\s+", " "))
                    .orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String report(Map<String, Object> result, List<Map<String, Object>> rows) {
        StringBuilder md = new StringBuilder();
        md.append("# Memory footprint: peak RSS to load a model and predict once\n\n");
        md.append("Written by `jmh/run-footprint.sh` from `footprint.json` next to this file. Peak RSS is the child "
                + "process's `VmHWM` (`/proc/<pid>/status`), read every ").append(POLL_MILLIS)
                .append(" ms while it runs. `predict`: the model jar's command with its batch-1 reference input; "
                + "`host`: `FootprintHost`, `load()` plus one prediction. Flags `default, scalar kernels`: default flags "
                + "without `--add-modules jdk.incubator.vector`, so the kernels run on their scalar twins. "
                + "No run sets `-Xmx`.\n\n");
        md.append("- Date: ").append(result.get("start")).append(", ").append(result.get("runsPerRow"))
                .append(" runs per row (rounds over all rows), load average before/after: ")
                .append(result.get("loadAverageBefore")).append(" / ").append(result.get("loadAverageAfter"))
                .append("; commit ").append(result.get("commit")).append('\n');
        md.append("- Machine: ").append(result.get("machine")).append("; ").append(result.get("memory")).append('\n');
        md.append("- Target: peak RSS <= 2.5 x weight bytes + 64 MB; a row passes when its max does.\n\n");
        md.append("| model | weight bytes | JDK | scenario | flags | peak RSS MB median | max | target MB | pass |\n");
        md.append("|---|---:|---|---|---|---:|---:|---:|:---:|\n");
        for (Map<String, Object> row : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %.1f | %.1f | %.1f | %s |%n",
                    row.get("model"), (Long) row.get("weightBytes"), row.get("jdk"), row.get("scenario"),
                    row.get("flags"),
                    (Long) row.get("medianBytes") / MB, (Long) row.get("maxBytes") / MB,
                    (Long) row.get("targetBytes") / MB, (Boolean) row.get("pass") ? "yes" : "**no**"));
        }
        return md.toString();
    }
}
