package io.nnport.jmh;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold start, measured at the process level: a fresh JVM predicting one batch-1 input, timed from
 * {@link ProcessBuilder#start()} to the first line the process prints (both print only after the
 * prediction) and to its exit. nnport runs the model jar exactly as documented
 * ({@code java --add-modules jdk.incubator.vector -jar <model>.jar predict --input <m>_in_b1.npy});
 * TensorFlow Java runs {@link TfPredict} on the same .pb and .npy with only its own jars on the class
 * path. Runs alternate between the two so that drift on the machine hits both alike; both must print
 * the same arg max.
 */
final class ColdStart {

    private final Path java;
    private final String tensorflowClassPath;

    ColdStart(Path java, String tensorflowClassPath) {
        this.java = java;
        this.tensorflowClassPath = tensorflowClassPath;
    }

    /** One process run: milliseconds to the first output line and to exit, and the arg max printed. */
    record Run(double firstResultMillis, double exitMillis, String argmax) {}

    /** The model jar as the build leaves it. */
    static Path modelJar(SampleModel model) {
        return Path.of("generated-samples", model.id(), "target", model.id() + "-0.1.0-SNAPSHOT.jar");
    }

    List<String> nnportCommand(SampleModel model) {
        return List.of(java.toString(), "--add-modules", "jdk.incubator.vector", "-jar", modelJar(model).toString(),
                "predict", "--input", model.inputBatch1().toString());
    }

    List<String> tensorflowCommand(SampleModel model) {
        return List.of(java.toString(), "-cp", tensorflowClassPath, TfPredict.class.getName(),
                model.graphDef().toString(), model.inputBatch1().toString(), model.inputName(), model.outputName());
    }

    /** {@code runs} runs of each engine on {@code model}, alternating; results per engine. */
    Map<String, Object> measure(SampleModel model, int runs) throws IOException, InterruptedException {
        if (!Files.isRegularFile(modelJar(model))) {
            throw new IllegalStateException(modelJar(model) + " is missing: build first (./mvnw -B -DskipTests package)");
        }
        List<Run> nnport = new ArrayList<>();
        List<Run> tensorflow = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            if (r % 2 == 0) {
                nnport.add(run(nnportCommand(model)));
                tensorflow.add(run(tensorflowCommand(model)));
            } else {
                tensorflow.add(run(tensorflowCommand(model)));
                nnport.add(run(nnportCommand(model)));
            }
        }
        for (int r = 0; r < runs; r++) {
            if (!nnport.get(r).argmax().equals(tensorflow.get(r).argmax())) {
                throw new IllegalStateException(model.id() + ": the model jar printed " + nnport.get(r).argmax()
                        + ", TensorFlow " + tensorflow.get(r).argmax());
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("model", model.id());
        result.put("runs", runs);
        result.put("nnport", summary(nnport, nnportCommand(model)));
        result.put("tensorflow", summary(tensorflow, tensorflowCommand(model)));
        return result;
    }

    private static Map<String, Object> summary(List<Run> runs, List<String> command) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("command", String.join(" ", command));
        s.put("medianFirstResultMillis", median(runs.stream().mapToDouble(Run::firstResultMillis).toArray()));
        s.put("medianExitMillis", median(runs.stream().mapToDouble(Run::exitMillis).toArray()));
        s.put("firstResultMillis", runs.stream().mapToDouble(Run::firstResultMillis).toArray());
        s.put("exitMillis", runs.stream().mapToDouble(Run::exitMillis).toArray());
        s.put("argmax", runs.get(0).argmax());
        return s;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static Run run(List<String> command) throws IOException, InterruptedException {
        File errors = File.createTempFile("nnport-coldstart", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors);
            long start = System.nanoTime();
            Process process = builder.start();
            long first = -1;
            StringBuilder output = new StringBuilder();
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (first < 0) {
                        first = System.nanoTime();
                    }
                    output.append(line).append('\n');
                }
            }
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            long exit = System.nanoTime();
            if (process.exitValue() != 0 || first < 0) {
                throw new IllegalStateException("exit " + process.exitValue() + ": " + String.join(" ", command) + "\n"
                        + Files.readString(errors.toPath()));
            }
            int at = output.indexOf("argmax=");
            String argmax = at < 0 ? "?" : output.substring(at).split("\\s")[0];
            return new Run((first - start) / 1e6, (exit - start) / 1e6, argmax);
        } finally {
            Files.deleteIfExists(errors.toPath());
        }
    }
}
