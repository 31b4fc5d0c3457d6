package io.nnport.converter;

import static io.nnport.frontend.keras.testing.KerasFileWriter.JSON;
import static io.nnport.frontend.keras.testing.KerasFileWriter.inputLayer;
import static io.nnport.frontend.keras.testing.KerasFileWriter.layer;
import static io.nnport.frontend.keras.testing.KerasFileWriter.sequential;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nnport.converter.cli.ConvertCommand;
import io.nnport.converter.codegen.JavaNames;
import io.nnport.converter.testing.Conversions;
import io.nnport.frontend.keras.testing.KerasFileWriter;
import io.nnport.frontend.keras.testing.KerasFileWriter.KerasModel;
import io.nnport.frontend.tf.testing.GraphDefBuilder;
import io.nnport.frontend.tf.testing.TfOracle;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.runtime.ConvertedModel;
import io.nnport.runtime.Parity;
import io.nnport.testing.RandomTensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Keras {@code .h5} built in the test (Conv2D + ReLU, BatchNormalization, MaxPooling2D, Flatten,
 * Dense + softmax) -> converter -> model jar -> predict, against TensorFlow Java running the ops
 * Keras runs for those layers on the same weights; and a truncated file refused by the command line.
 */
class KerasEndToEndTest {

    @TempDir
    Path dir;

    private final RandomTensors random = new RandomTensors(20261205L);

    private static LinkedHashMap<String, Tensor> named(Object... nameTensor) {
        LinkedHashMap<String, Tensor> map = new LinkedHashMap<>();
        for (int i = 0; i < nameTensor.length; i += 2) {
            map.put((String) nameTensor[i], (Tensor) nameTensor[i + 1]);
        }
        return map;
    }

    @Test
    void smallCnnFromAnH5MatchesTensorFlow() throws Exception {
        Tensor kernel = random.floats(3, 3, 2, 4);
        Tensor bias = random.floats(4);
        Tensor gamma = random.uniform(0.5, 2, 4);
        Tensor beta = random.floats(4);
        Tensor mean = random.floats(4);
        Tensor variance = random.uniform(0.2, 2, 4);
        Tensor denseKernel = random.floats(3 * 3 * 4, 5);
        Tensor denseBias = random.floats(5);
        ObjectNode conv = JSON.createObjectNode().put("filters", 4).put("padding", "same").put("activation", "relu");
        conv.putArray("kernel_size").add(3).add(3);
        ObjectNode pool = JSON.createObjectNode().put("padding", "valid");
        pool.putArray("pool_size").add(2).add(2);
        ObjectNode config = sequential("cnn", List.of(inputLayer("image", 7, 7, 2), layer("Conv2D", "conv", conv),
                layer("BatchNormalization", "bn", JSON.createObjectNode().put("epsilon", 1e-3)),
                layer("MaxPooling2D", "pool", pool), layer("Flatten", "flatten", JSON.createObjectNode()),
                layer("Dense", "probabilities", JSON.createObjectNode().put("units", 5).put("activation", "softmax"))));
        Map<String, LinkedHashMap<String, Tensor>> weights = new LinkedHashMap<>();
        weights.put("conv", named("kernel", kernel, "bias", bias));
        weights.put("bn", named("gamma", gamma, "beta", beta, "moving_mean", mean, "moving_variance", variance));
        weights.put("probabilities", named("kernel", denseKernel, "bias", denseBias));
        Path h5 = KerasFileWriter.writeH5(dir.resolve("keras_cnn.h5"), new KerasModel(config, weights));

        ConversionResult result = Converter.convert(ConversionOptions.of(h5, dir.resolve("out")));
        ConvertedModel model = Conversions.load(result, JavaNames.typeName("keras_cnn") + "Model", 1);
        for (int batch : new int[] {1, 3}) {
            Tensor x = random.uniform(-1, 1, batch, 7, 7, 2);
            float[] expected = tensorFlow(x, kernel, bias, gamma, beta, mean, variance, denseKernel, denseBias);
            float[] actual = new float[batch * 5];
            model.run(new Object[] {x.floats()}, batch, new Object[] {actual});
            assertNull(Parity.mismatch(expected, actual, 5), "batch " + batch);
        }
    }

    /** The TF ops Keras runs: Conv2D, BiasAdd, Relu, the inference batch norm, MaxPool, Reshape, MatMul, BiasAdd, Softmax. */
    private static float[] tensorFlow(Tensor x, Tensor kernel, Tensor bias, Tensor gamma, Tensor beta, Tensor mean,
            Tensor variance, Tensor denseKernel, Tensor denseBias) {
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("image", x);
        g.constant("kernel", kernel);
        g.constant("bias", bias);
        g.constant("gamma", gamma);
        g.constant("beta", beta);
        g.constant("mean", mean);
        g.constant("variance", variance);
        g.constant("eps", Tensor.scalar(1e-3f));
        g.constant("dense_kernel", denseKernel);
        g.constant("dense_bias", denseBias);
        g.constant("flat", Tensor.vectorInts(-1, 36));
        g.node("conv", "Conv2D").input("image", "kernel").attr("T", DType.FLOAT32).attr("strides", new long[] {1, 1, 1, 1})
                .attr("padding", "SAME").done();
        op2(g, "conv_b", "BiasAdd", "conv", "bias");
        g.node("relu", "Relu").input("conv_b").attr("T", DType.FLOAT32).done();
        op2(g, "var_eps", "AddV2", "variance", "eps");
        g.node("inv", "Rsqrt").input("var_eps").attr("T", DType.FLOAT32).done();
        op2(g, "factor", "Mul", "inv", "gamma");
        op2(g, "centered", "Sub", "relu", "mean");
        op2(g, "scaled", "Mul", "centered", "factor");
        op2(g, "bn", "AddV2", "scaled", "beta");
        g.node("pool", "MaxPool").input("bn").attr("T", DType.FLOAT32).attr("ksize", new long[] {1, 2, 2, 1})
                .attr("strides", new long[] {1, 2, 2, 1}).attr("padding", "VALID").done();
        g.node("flatten", "Reshape").input("pool", "flat").attr("T", DType.FLOAT32).attr("Tshape", DType.INT32).done();
        g.node("mm", "MatMul").input("flatten", "dense_kernel").attr("T", DType.FLOAT32).done();
        op2(g, "logits", "BiasAdd", "mm", "dense_bias");
        g.node("softmax", "Softmax").input("logits").attr("T", DType.FLOAT32).done();
        return TfOracle.run(g.bytes(), g.feeds(), List.of("softmax")).get("softmax").floats();
    }

    private static void op2(GraphDefBuilder g, String name, String op, String a, String b) {
        g.node(name, op).input(a, b).attr("T", DType.FLOAT32).done();
    }

    /**
     * The real Keras files of {@code models/keras-real} have no TensorFlow twin: the converted model
     * must compute what graph-import's layer interpreter computes from the same file.
     */
    @Test
    void realKerasFilesConvertAndMatchTheLayerInterpreter() throws Exception {
        Path real = null;
        for (Path up = Path.of("").toAbsolutePath(); up != null && real == null; up = up.getParent()) {
            real = Files.isDirectory(up.resolve("models/keras-real")) ? up.resolve("models/keras-real") : null;
        }
        List<Path> files;
        try (java.util.stream.Stream<Path> list = Files.list(real)) {
            files = list.filter(f -> f.toString().endsWith(".h5") || f.toString().endsWith(".keras")).sorted().toList();
        }
        assertEquals(4, files.size(), "the real Keras files of PROVENANCE.md");
        for (Path file : files) {
            String name = file.getFileName().toString().replaceAll("\\.(h5|keras)$", "");
            ConversionResult result = Converter.convert(ConversionOptions.of(file, dir.resolve("real")));
            ConvertedModel model = Conversions.load(result, JavaNames.typeName(name) + "Model", 1);
            io.nnport.frontend.Import imported = io.nnport.frontend.FrontEnds.read(file, io.nnport.frontend.ImportOptions.defaults());
            io.nnport.ir.layers.Value input = imported.inputs().get(0);
            int[] dims = input.shape().dims();
            dims[0] = 2;
            Tensor x = random.uniform(0, 1, dims);
            Tensor expected = new io.nnport.ir.eval.LayerInterpreter(imported.graph()).run(Map.of(input.name(), x))
                    .values().iterator().next();
            float[] actual = new float[expected.size()];
            model.run(new Object[] {x.floats()}, 2, new Object[] {actual});
            assertNull(Parity.mismatch(expected.floats(), actual, expected.shape().dim(-1)), file.getFileName().toString());
        }
    }

    @Test
    void aTruncatedH5IsOneLineAndExitTwoWithNothingWritten() throws Exception {
        ObjectNode config = sequential("s", List.of(inputLayer("x", 3),
                layer("Dense", "dense", JSON.createObjectNode().put("units", 2).put("activation", "linear"))));
        Path full = KerasFileWriter.writeH5(dir.resolve("full.h5"),
                new KerasModel(config, Map.of("dense", named("kernel", random.floats(3, 2), "bias", random.floats(2)))));
        byte[] bytes = Files.readAllBytes(full);
        Path cut = Files.write(dir.resolve("cut.h5"), Arrays.copyOf(bytes, bytes.length / 2));
        Path out = dir.resolve("cli-out");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.err;
        int code;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            code = ConvertCommand.run(cut.toString(), "-o", out.toString());
        } finally {
            System.setErr(saved);
        }
        assertEquals(2, code);
        String message = err.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
        assertEquals(1, message.lines().count(), message);
        assertFalse(Files.exists(out.resolve("cut")), "nothing written");
        assertEquals(true, message.contains("truncated HDF5 file"), message);
        assertEquals(Shape.of(-1, 3), io.nnport.frontend.FrontEnds.read(full, io.nnport.frontend.ImportOptions.defaults())
                .inputs().get(0).shape());
    }
}
