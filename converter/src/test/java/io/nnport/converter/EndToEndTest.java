package io.nnport.converter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.converter.testing.Conversions;
import io.nnport.converter.testing.TestGraphs;
import io.nnport.frontend.tf.testing.TfOracle;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.runtime.ConvertedModel;
import io.nnport.runtime.Npy;
import io.nnport.runtime.NpyArray;
import io.nnport.runtime.Parity;
import io.nnport.runtime.TensorSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graphs built node by node -> converter -> model jar -> predict, through the Java API and through
 * the jar's command line, against TensorFlow's own outputs on the same inputs.
 */
class EndToEndTest {

    @TempDir
    Path dir;

    private static float[] tf(TestGraphs graph, String input, float[] x, int[] shape, String output) {
        Map<String, Tensor> out = TfOracle.run(graph.builder().bytes(), Map.of(input, Tensor.ofFloats(Shape.of(shape), x)),
                List.of(output));
        return out.get(output).floats();
    }

    private static float[] randomInput(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextFloat();
        }
        return x;
    }

    private void checkAgainstTensorFlow(TestGraphs graph, String name, String input, int[] sample, String output, int classes)
            throws Exception {
        checkAgainstTensorFlow(graph, name, input, sample, output, classes, classes);
    }

    /** {@code perSample} output floats per sample, compared row by row of {@code rowLength} (its last axis). */
    private void checkAgainstTensorFlow(TestGraphs graph, String name, String input, int[] sample, String output,
                                        int perSample, int rowLength) throws Exception {
        ConversionResult result = Conversions.convert(dir, name, graph.builder().bytes());
        ConvertedModel model = Conversions.load(result, io.nnport.converter.codegen.JavaNames.typeName(name) + "Model", 1);
        for (int batch : new int[] {1, 5}) {
            int[] shape = new int[sample.length + 1];
            shape[0] = batch;
            System.arraycopy(sample, 0, shape, 1, sample.length);
            int n = Tensor.checkedSize(Shape.of(shape));
            float[] x = randomInput(n, 17 + batch);
            float[] expected = tf(graph, input, x, shape, output);
            float[] actual = new float[batch * perSample];
            float[] copy = x.clone();
            model.run(new Object[] {x}, batch, new Object[] {actual});
            assertArrayEquals(copy, x, "input modified");
            assertNull(Parity.mismatch(expected, actual, rowLength), name + " batch " + batch);
        }
    }

    @Test
    void denseModelMatchesTensorFlow() throws Exception {
        checkAgainstTensorFlow(TestGraphs.mlp(1, "Softmax"), "mlp", "x", new int[] {20}, "dense_1/Softmax", 5);
    }

    @Test
    void denseModelWithTanhHeadMatchesTensorFlow() throws Exception {
        checkAgainstTensorFlow(TestGraphs.mlp(11, "Tanh"), "mlp_tanh", "x", new int[] {20}, "dense_1/Tanh", 5);
    }

    @Test
    void kerasConv1dModelMatchesTensorFlow() throws Exception {
        checkAgainstTensorFlow(TestGraphs.charCnnMini(2), "charcnn_mini", "input_1", new int[] {40, 12},
                "sequential/dense_1/Softmax", 4);
    }

    @Test
    void residualImageModelMatchesTensorFlow() throws Exception {
        checkAgainstTensorFlow(TestGraphs.residualCnn(7), "residual", "image", new int[] {12, 12, 3},
                "model/dense/Softmax", 3);
    }

    @Test
    void groupedConvAndNearestUpsamplingMatchTensorFlow() throws Exception {
        checkAgainstTensorFlow(TestGraphs.groupedConvUpsample(5), "grouped_upsample", "image", new int[] {6, 6, 8},
                "model/up_sampling2d/resize", 12 * 12 * 12, 12);
    }

    @Test
    void groupedKerasConv1dMatchesTensorFlow() throws Exception {
        TestGraphs graph = new TestGraphs(6);
        graph.conv1d("conv1d", graph.input("x", 20, 8), 8 / 2, 6, 3, 2, "VALID", "Relu");
        checkAgainstTensorFlow(graph, "grouped_conv1d", "x", new int[] {20, 8}, "conv1d/Relu", 9 * 6, 6);
    }

    @Test
    void nearestDownsamplingWithAlignedCornersMatchesTensorFlow() throws Exception {
        TestGraphs graph = new TestGraphs(7);
        graph.resizeNearest("resize", graph.input("x", 7, 5, 3), 4, 3, true, false);
        checkAgainstTensorFlow(graph, "nearest_aligned", "x", new int[] {7, 5, 3}, "resize", 4 * 3 * 3, 3);
    }

    @Test
    void severalInputsAndOutputsThroughTheApiAndTheCommandLine() throws Exception {
        TestGraphs graph = TestGraphs.twoInTwoOut(8);
        ConversionResult result = Conversions.convert(dir, "two_io", graph.builder().bytes());
        ConvertedModel model = Conversions.load(result, "TwoIoModel", 1);
        assertEquals(List.of("a", "b"), model.inputs().stream().map(TensorSpec::name).toList());
        assertEquals(List.of("sum_relu", "product_tanh"), model.outputs().stream().map(TensorSpec::name).toList());
        model.getClass().getMethod("predict", float[].class, float[].class, int.class, float[].class, float[].class);

        int batch = 5;
        float[] a = randomInput(batch * 6, 1);
        float[] b = randomInput(batch * 6, 2);
        Map<String, Tensor> feeds = Map.of("a", Tensor.ofFloats(Shape.of(batch, 6), a), "b",
                Tensor.ofFloats(Shape.of(batch, 6), b));
        Map<String, Tensor> expected = TfOracle.run(graph.builder().bytes(), feeds, List.of("sum_relu", "product_tanh"));
        float[] sum = new float[batch * 6];
        float[] product = new float[batch * 6];
        model.run(new Object[] {a, b}, batch, new Object[] {sum, product});
        assertNull(Parity.mismatch(expected.get("sum_relu").floats(), sum, 1));
        assertNull(Parity.mismatch(expected.get("product_tanh").floats(), product, 1));

        Path aFile = dir.resolve("a.npy");
        Path bFile = dir.resolve("b.npy");
        Npy.write(aFile, NpyArray.of(a, batch, 6));
        Npy.write(bFile, NpyArray.of(b, batch, 6));
        Path outDir = dir.resolve("outputs");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-jar", result.jar().toString(), "predict", "--input",
                "b=" + bFile, "--input", "a=" + aFile, "--output-dir", outDir.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
        assertArrayEquals(sum, Npy.read(outDir.resolve("sum_relu.npy")).asFloats());
        assertArrayEquals(product, Npy.read(outDir.resolve("product_tanh.npy")).asFloats());
    }

    @Test
    void warmPredictionsAllocateNothing() throws Exception {
        assertWarmPredictionsAllocateNothing("charcnn_mini", TestGraphs.charCnnMini(9));
        assertWarmPredictionsAllocateNothing("residual", TestGraphs.residualCnn(9));
        assertWarmPredictionsAllocateNothing("grouped_upsample", TestGraphs.groupedConvUpsample(9));
    }

    private void assertWarmPredictionsAllocateNothing(String name, TestGraphs graph) throws Exception {
        ConversionResult result = Conversions.convert(dir, name, graph.builder().bytes());
        ConvertedModel model = Conversions.load(result, io.nnport.converter.codegen.JavaNames.typeName(name) + "Model", 1);
        int batch = 3;
        Object[] in = {randomInput(model.inputs().get(0).elements(batch), 3)};
        Object[] out = {new float[model.outputs().get(0).elements(batch)]};
        // Warm up past C2: until then the Vector API runs interpreted and allocates; what matters is
        // the steady state.
        for (int i = 0; i < 30_000; i++) {
            model.run(in, batch, out);
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 200; i++) {
            model.run(in, batch, out);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertEquals(0, allocated, name + ": bytes allocated by 200 warm predictions");
    }

    @Test
    void wrongInputLengthIsAClearIllegalArgument() throws Exception {
        ConversionResult result = Conversions.convert(dir, "mlp", TestGraphs.mlp(10, "Softmax").builder().bytes());
        ConvertedModel model = Conversions.load(result, "MlpModel", 1);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> model.run(new Object[] {new float[19]}, 1, new Object[] {new float[5]}));
        assertEquals("x has 19 elements; this call needs exactly 20", e.getMessage());
        // The allocating predict checks the batch before it sizes its output array.
        java.lang.reflect.Method predict = model.getClass().getMethod("predict", float[].class, int.class);
        for (int batch : new int[] {-1, 0, Integer.MIN_VALUE}) {
            java.lang.reflect.InvocationTargetException thrown = org.junit.jupiter.api.Assertions.assertThrows(
                    java.lang.reflect.InvocationTargetException.class, () -> predict.invoke(model, new float[20], batch));
            assertEquals(IllegalArgumentException.class, thrown.getCause().getClass(), String.valueOf(batch));
            assertEquals("batch must be at least 1, not " + batch, thrown.getCause().getMessage());
        }
        java.lang.reflect.InvocationTargetException huge = org.junit.jupiter.api.Assertions.assertThrows(
                java.lang.reflect.InvocationTargetException.class, () -> predict.invoke(model, new float[20], 1 << 30));
        assertEquals("batch 1073741824 is too large: out would need 5368709120 elements, more than one Java array holds "
                + "(2147483639)", huge.getCause().getMessage());
    }

    @Test
    void modelJarCommandLinePredictsWhatTensorFlowDoes() throws Exception {
        TestGraphs graph = TestGraphs.mlp(3, "Softmax");
        ConversionResult result = Conversions.convert(dir, "mlp", graph.builder().bytes());
        float[] x = randomInput(3 * 20, 5);
        Path in = dir.resolve("x.npy");
        Npy.write(in, NpyArray.of(x, 3, 20));
        Path out = dir.resolve("y.npy");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-jar", result.jar().toString(), "predict", "--input",
                in.toString(), "--output", out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
        NpyArray y = Npy.read(out);
        assertArrayEquals(new int[] {3, 5}, y.shape());
        assertNull(Parity.mismatch(tf(graph, "x", x, new int[] {3, 20}, "dense_1/Softmax"), y.asFloats(), 5));
    }

    @Test
    void concurrentPredictionsEqualSequentialOnesBitForBit() throws Exception {
        ConversionResult result = Conversions.convert(dir, "charcnn_mini", TestGraphs.charCnnMini(4).builder().bytes());
        ConvertedModel model = Conversions.load(result, io.nnport.converter.codegen.JavaNames.typeName("charcnn_mini") + "Model", 2);
        TensorSpec in = model.inputs().get(0);
        int threads = 8;
        int calls = 100;
        List<float[]> inputs = new ArrayList<>();
        List<float[]> sequential = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int batch = 1 + i % 3;
            float[] x = randomInput(in.elements(batch), 100 + i);
            float[] y = new float[model.outputs().get(0).elements(batch)];
            model.run(new Object[] {x}, batch, new Object[] {y});
            inputs.add(x);
            sequential.add(y);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    int batch = 1 + index % 3;
                    int mismatches = 0;
                    float[] y = new float[sequential.get(index).length];
                    for (int c = 0; c < calls; c++) {
                        model.run(new Object[] {inputs.get(index)}, batch, new Object[] {y});
                        if (!java.util.Arrays.equals(y, sequential.get(index))) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                }));
            }
            for (Future<Integer> f : futures) {
                assertEquals(0, f.get(), "predictions differing from the sequential result");
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(Files.exists(result.directory().resolve("report.md")));
    }
}
