package io.nnport.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.runtime.ConvertedModel;
import io.nnport.runtime.Npy;
import io.nnport.runtime.NpyArray;
import io.nnport.runtime.Parity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each committed sample against its framework's own outputs (models/*_out_b*.npy: TensorFlow's,
 * written by the generator from Session.run, or PyTorch's, written by pytorch/export_samples.py),
 * at batch 1 and 7: through the Java API, through the jar's
 * {@code predict} command, and through the jar on the scalar kernels (no incubator module).
 */
class SampleParityTest {

    private static final String VERSION = System.getProperty("nnport.version", "0.1.0-SNAPSHOT");

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String name : Samples.names()) {
            for (int batch : new int[] {1, 7}) {
                cases.add(Arguments.of(name, batch));
            }
        }
        return cases.stream();
    }

    private static void assertMatchesFramework(String name, int batch, float[] actual, String path) throws IOException {
        NpyArray expected = Npy.read(Samples.reference(name, false, batch));
        int[] shape = expected.shape();
        String mismatch = Parity.mismatch(expected.asFloats(), actual, shape[shape.length - 1]);
        assertNull(mismatch, name + " batch " + batch + " via " + path + ": " + mismatch);
    }

    @ParameterizedTest(name = "{0} batch {1}")
    @MethodSource("cases")
    void javaApiMatchesFramework(String name, int batch) throws IOException {
        ConvertedModel model = Samples.load(name);
        NpyArray input = Npy.read(Samples.reference(name, true, batch));
        assertEquals(batch, input.shape()[0]);
        float[] x = input.asFloats();
        float[] copy = x.clone();
        float[] y = new float[model.outputs().get(0).elements(batch)];
        model.run(new Object[] {x}, batch, new Object[] {y});
        assertArrayEquals(copy, x, "predict must not modify its input");
        assertMatchesFramework(name, batch, y, "the Java API");
    }

    @ParameterizedTest(name = "{0} batch {1}")
    @MethodSource("cases")
    void jarPredictMatchesFrameworkOnVectorAndScalarKernels(String name, int batch) throws Exception {
        Path jar = Samples.jar(name, VERSION);
        assertTrue(Files.isRegularFile(jar), "the sample's package phase builds " + jar);
        Path input = Samples.reference(name, true, batch);
        for (boolean vector : new boolean[] {true, false}) {
            Path output = dir.resolve(name + "_" + batch + (vector ? "_vector" : "_scalar") + ".npy");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            if (vector) {
                command.addAll(List.of("--add-modules", "jdk.incubator.vector"));
            }
            command.addAll(List.of("-jar", jar.toString(), "predict", "--input", input.toString(), "--output",
                    output.toString()));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), log);
            if (!vector) {
                assertTrue(log.contains("running the scalar kernels"), "one notice on stderr: " + log);
            }
            NpyArray y = Npy.read(output);
            assertMatchesFramework(name, batch, y.asFloats(), vector ? "jar predict" : "jar predict on the scalar path");
        }
    }
}
