package io.nnport.frontend.keras;

import static io.nnport.frontend.keras.testing.KerasFileWriter.JSON;
import static io.nnport.frontend.keras.testing.KerasFileWriter.call;
import static io.nnport.frontend.keras.testing.KerasFileWriter.functional;
import static io.nnport.frontend.keras.testing.KerasFileWriter.inputLayer;
import static io.nnport.frontend.keras.testing.KerasFileWriter.layer;
import static io.nnport.frontend.keras.testing.KerasFileWriter.sequential;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nnport.frontend.FrontEnds;
import io.nnport.frontend.Import;
import io.nnport.frontend.ImportOptions;
import io.nnport.frontend.keras.testing.KerasFileWriter;
import io.nnport.frontend.keras.testing.KerasFileWriter.KerasModel;
import io.nnport.frontend.tf.testing.GraphDefBuilder;
import io.nnport.frontend.tf.testing.TfOracle;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.eval.LayerInterpreter;
import io.nnport.kernels.testing.Tolerance;
import io.nnport.testing.RandomTensors;
import io.nnport.testing.TensorAsserts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every class of the {@link KerasLayerTable} against TensorFlow: each case writes a small model
 * holding the layer as a Keras 2 {@code .h5} and as a Keras 3 {@code .keras} file, imports both,
 * runs them in the layer interpreter, and compares with TensorFlow Java running the TF ops Keras
 * itself runs for that layer (named in each case's oracle line) on the same weights. A class of
 * the table without cases fails {@link #everyTableClassHasCases}.
 */
class KerasLayerConformanceTest {
    private static final long SEED = 20261203L;
    private static final int CASES_PER_CLASS = 4;

    /**
     * A case: the Keras model, the TF graph of the same computation (placeholders named after the
     * model's inputs, fed with {@code graph.feeds()}), the fetch, and the tolerance.
     */
    record Case(String description, KerasModel model, GraphDefBuilder graph, String fetch, Tolerance tolerance) {}

    private static final Map<String, BiFunction<RandomTensors, Integer, Case>> CASES = new LinkedHashMap<>();

    /** Keras activation name -> the TF op Keras runs for it (swish and gelu are built from several ops). */
    private static final List<String> ACTIVATIONS = List.of("linear", "relu", "relu6", "sigmoid", "tanh", "softmax",
            "log_softmax", "elu", "selu", "softplus", "softsign", "swish", "silu", "gelu", "exponential", "leaky_relu");

    static {
        CASES.put("InputLayer", (r, i) -> oneLayer(r, "Dropout", JSON.createObjectNode().put("rate", 0.5), new int[] {r.between(1, 5)},
                Map.of(), (g, x) -> op(g, "y", "Identity", x), Tolerance.EXACT));
        CASES.put("Dense", KerasLayerConformanceTest::dense);
        CASES.put("Activation", (r, i) -> {
            String fn = ACTIVATIONS.get(i % ACTIVATIONS.size());
            return oneLayer(r, "Activation", JSON.createObjectNode().put("activation", fn), new int[] {r.between(1, 4), r.between(1, 6)},
                    Map.of(), (g, x) -> activation(g, x, fn), Tolerance.APPROX);
        });
        CASES.put("Conv1D", (r, i) -> conv(r, 1));
        CASES.put("Conv2D", (r, i) -> conv(r, 2));
        CASES.put("DepthwiseConv2D", (r, i) -> depthwise(r, false));
        CASES.put("SeparableConv2D", (r, i) -> depthwise(r, true));
        CASES.put("BatchNormalization", KerasLayerConformanceTest::batchNorm);
        CASES.put("ReLU", KerasLayerConformanceTest::relu);
        CASES.put("LeakyReLU", (r, i) -> {
            float alpha = (float) r.uniform(0.05, 0.5, 1).getFloat(0);
            return oneLayer(r, "LeakyReLU", JSON.createObjectNode().put("alpha", alpha), new int[] {r.between(1, 6)}, Map.of(),
                    (g, x) -> g.node("y", "LeakyRelu").input(x).attr("T", DType.FLOAT32).attr("alpha", alpha).done(), Tolerance.CLOSE);
        });
        CASES.put("ELU", (r, i) -> oneLayer(r, "ELU", JSON.createObjectNode().put("alpha", 1.0), new int[] {r.between(1, 6)}, Map.of(),
                (g, x) -> op(g, "y", "Elu", x), Tolerance.APPROX));
        CASES.put("Softmax", (r, i) -> oneLayer(r, "Softmax", JSON.createObjectNode().put("axis", -1), new int[] {r.between(1, 4), r.between(1, 7)},
                Map.of(), (g, x) -> op(g, "y", "Softmax", x), Tolerance.APPROX));
        for (String kind : List.of("Max", "Average")) {
            for (int rank = 1; rank <= 2; rank++) {
                int spatial = rank;
                CASES.put(kind + "Pooling" + rank + "D", (r, i) -> pool(r, kind, spatial));
                CASES.put("Global" + kind + "Pooling" + rank + "D", (r, i) -> globalPool(r, kind, spatial));
            }
        }
        CASES.put("Flatten", (r, i) -> oneLayer(r, "Flatten", JSON.createObjectNode(), new int[] {r.between(1, 3), r.between(1, 4), r.between(1, 3)},
                Map.of(), (g, x) -> reshape(g, "y", x, -1, perSample(g, x)), Tolerance.EXACT));
        CASES.put("Reshape", KerasLayerConformanceTest::reshapeCase);
        CASES.put("Permute", (r, i) -> {
            int[] dims = {r.between(1, 4), r.between(1, 4), r.between(1, 4)};
            int[] perm = r.pick(new int[] {2, 1, 3}, new int[] {3, 1, 2}, new int[] {1, 3, 2}, new int[] {3, 2, 1});
            ObjectNode config = JSON.createObjectNode();
            ArrayNode list = config.putArray("dims");
            for (int p : perm) {
                list.add(p);
            }
            return oneLayer(r, "Permute", config, dims, Map.of(), (g, x) -> {
                g.constant("perm", Tensor.vectorInts(0, perm[0], perm[1], perm[2]));
                return g.node("y", "Transpose").input(x, "perm").attr("T", DType.FLOAT32).attr("Tperm", DType.INT32).done();
            }, Tolerance.EXACT);
        });
        CASES.put("Concatenate", KerasLayerConformanceTest::concatenate);
        for (String[] merge : new String[][] {{"Add", "AddV2"}, {"Subtract", "Sub"}, {"Multiply", "Mul"}, {"Maximum", "Maximum"},
                {"Minimum", "Minimum"}, {"Average", "AddV2"}}) {
            CASES.put(merge[0], (r, i) -> merge(r, merge[0], merge[1]));
        }
        CASES.put("Rescaling", (r, i) -> {
            float scale = (float) r.uniform(-2, 2, 1).getFloat(0);
            float offset = r.coin() ? 0f : (float) r.uniform(-1, 1, 1).getFloat(0);
            return oneLayer(r, "Rescaling", JSON.createObjectNode().put("scale", scale).put("offset", offset),
                    new int[] {r.between(1, 5), r.between(1, 3)}, Map.of(), (g, x) -> {
                        g.constant("scale", Tensor.scalar(scale));
                        g.constant("offset", Tensor.scalar(offset));
                        return binary(g, "y", "AddV2", binary(g, "scaled", "Mul", x, "scale"), "offset");
                    }, Tolerance.CLOSE);
        });
        CASES.put("Conv2DTranspose", KerasLayerConformanceTest::transposedConv);
        CASES.put("LayerNormalization", KerasLayerConformanceTest::layerNorm);
        CASES.put("PReLU", (r, i) -> {
            int[] perSample = {r.between(1, 4), r.between(1, 4), r.between(1, 3)};
            boolean shared = r.coin();
            Tensor alpha = r.uniform(0, 0.5, perSample[0], shared ? 1 : perSample[1], perSample[2]);
            ObjectNode config = JSON.createObjectNode();
            if (shared) {
                config.putArray("shared_axes").add(2);
            }
            return oneLayer(r, "PReLU", config, perSample, Map.of("alpha", alpha), (g, x) -> {
                // Keras: relu(x) - alpha * relu(-x).
                g.constant("alpha", alpha);
                String negative = op(g, "negRelu", "Relu", op(g, "neg", "Neg", x));
                return binary(g, "y", "Sub", op(g, "relu", "Relu", x), binary(g, "scaledNeg", "Mul", "alpha", negative));
            }, Tolerance.CLOSE);
        });
        for (int rank = 1; rank <= 2; rank++) {
            int spatial = rank;
            CASES.put("ZeroPadding" + rank + "D", (r, i) -> padOrCrop(r, spatial, true));
            CASES.put("Cropping" + rank + "D", (r, i) -> padOrCrop(r, spatial, false));
        }
        CASES.put("UpSampling2D", (r, i) -> {
            int sh = r.between(1, 3);
            int sw = r.between(1, 3);
            boolean bilinear = i % 2 == 1;
            ObjectNode config = JSON.createObjectNode().put("interpolation", bilinear ? "bilinear" : "nearest");
            pair(config, "size", sh, sw);
            int[] perSample = {r.between(1, 4), r.between(1, 4), r.between(1, 3)};
            return oneLayer(r, "UpSampling2D", config, perSample, Map.of(), (g, x) -> {
                g.constant("size", Tensor.vectorInts(perSample[0] * sh, perSample[1] * sw));
                return g.node("y", bilinear ? "ResizeBilinear" : "ResizeNearestNeighbor").input(x, "size").attr("T", DType.FLOAT32)
                        .attr("half_pixel_centers", true).done();
            }, bilinear ? Tolerance.APPROX : Tolerance.EXACT);
        });
        CASES.put("RepeatVector", (r, i) -> {
            int n = r.between(1, 4);
            return oneLayer(r, "RepeatVector", JSON.createObjectNode().put("n", n), new int[] {r.between(1, 5)}, Map.of(), (g, x) -> {
                g.constant("axis", Tensor.scalarInt(1));
                g.constant("multiples", Tensor.vectorInts(1, n, 1));
                String column = g.node("column", "ExpandDims").input(x, "axis").attr("T", DType.FLOAT32).attr("Tdim", DType.INT32).done();
                return g.node("y", "Tile").input(column, "multiples").attr("T", DType.FLOAT32).attr("Tmultiples", DType.INT32).done();
            }, Tolerance.EXACT);
        });
        CASES.put("Embedding", KerasLayerConformanceTest::embedding);
        CASES.put("UpSampling1D", (r, i) -> {
            int size = r.between(1, 3);
            return oneLayer(r, "UpSampling1D", JSON.createObjectNode().put("size", size), new int[] {r.between(1, 5), r.between(1, 3)},
                    Map.of(), (g, x) -> {
                        // Keras: repeat each step size times along axis 1.
                        g.constant("axis", Tensor.scalarInt(2));
                        int[] dims = g.feeds().get(x).shape().dims();
                        g.constant("multiples", Tensor.vectorInts(1, 1, size, 1));
                        String expanded = g.node("expanded", "ExpandDims").input(x, "axis").attr("T", DType.FLOAT32)
                                .attr("Tdim", DType.INT32).done();
                        String tiled = g.node("tiled", "Tile").input(expanded, "multiples").attr("T", DType.FLOAT32)
                                .attr("Tmultiples", DType.INT32).done();
                        return reshape(g, "y", tiled, -1, dims[1] * size, dims[2]);
                    }, Tolerance.EXACT);
        });
        CASES.put("Normalization", (r, i) -> {
            int channels = r.between(1, 5);
            Tensor mean = r.floats(channels);
            Tensor variance = r.uniform(0.1, 3, channels);
            Map<String, Tensor> weights = new LinkedHashMap<>();
            weights.put("mean", mean);
            weights.put("variance", variance);
            weights.put("count", Tensor.scalar(100f));
            ObjectNode config = JSON.createObjectNode();
            config.putArray("axis").add(-1);
            int[] perSample = i % 2 == 0 ? new int[] {channels} : new int[] {r.between(1, 4), channels};
            return oneLayer(r, "Normalization", config, perSample, weights, (g, x) -> {
                // Keras: (x - mean) / maximum(sqrt(variance), epsilon).
                g.constant("mean", mean);
                g.constant("variance", variance);
                g.constant("epsilon", Tensor.scalar(1e-7f));
                String std = binary(g, "std", "Maximum", op(g, "sqrt", "Sqrt", "variance"), "epsilon");
                return binary(g, "y", "RealDiv", binary(g, "centered", "Sub", x, "mean"), std);
            }, Tolerance.APPROX);
        });
        for (String removed : List.of("Dropout", "SpatialDropout1D", "SpatialDropout2D", "GaussianNoise", "GaussianDropout",
                "AlphaDropout", "ActivityRegularization")) {
            CASES.put(removed, (r, i) -> oneLayer(r, removed, JSON.createObjectNode().put("rate", 0.3), new int[] {r.between(1, 4), 3},
                    Map.of(), (g, x) -> op(g, "y", "Identity", x), Tolerance.EXACT));
        }
    }

    @TempDir
    Path dir;

    @Test
    void everyTableClassHasCases() {
        TreeSet<String> missing = new TreeSet<>(KerasLayerTable.labels().keySet());
        missing.removeAll(CASES.keySet());
        assertEquals(new TreeSet<>(), missing, "Keras classes in the table without conformance cases");
    }

    @TestFactory
    Stream<DynamicTest> everyClassMatchesTensorFlow() {
        List<DynamicTest> tests = new ArrayList<>();
        CASES.forEach((className, make) -> {
            RandomTensors random = new RandomTensors(SEED + className.hashCode());
            for (int i = 0; i < CASES_PER_CLASS; i++) {
                Case c = make.apply(random, i);
                String name = className + i;
                tests.add(DynamicTest.dynamicTest(className + " " + i + ": " + c.description(), () -> check(name, c)));
            }
        });
        return tests.stream();
    }

    private void check(String name, Case c) {
        Tensor expected = TfOracle.run(c.graph().bytes(), c.graph().feeds(), List.of(c.fetch())).get(c.fetch());
        for (Path file : List.of(KerasFileWriter.writeH5(dir.resolve(name + ".h5"), c.model()),
                KerasFileWriter.writeKeras(dir.resolve(name + ".keras"), c.model()))) {
            Import imported = FrontEnds.read(file, ImportOptions.defaults());
            Tensor actual = new LayerInterpreter(imported.graph()).run(c.graph().feeds()).get(imported.outputs().get(0).name());
            TensorAsserts.assertMatches(c.tolerance(), expected, actual, c.description() + " read from " + file.getFileName());
        }
    }

    // ---- case builders ----

    /** Builds the TF side from the graph and the input placeholder's name; returns the fetch. */
    @FunctionalInterface
    interface TfSide {
        String build(GraphDefBuilder g, String x);
    }

    /** A Sequential model {@code x -> className(config)} over a random input of {@code [batch, perSample...]}. */
    private static Case oneLayer(RandomTensors r, String className, ObjectNode config, int[] perSample,
            Map<String, Tensor> weights, TfSide tf, Tolerance tolerance) {
        int[] dims = new int[perSample.length + 1];
        dims[0] = r.between(1, 3);
        System.arraycopy(perSample, 0, dims, 1, perSample.length);
        Tensor x = r.uniform(-3, 3, dims);
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("x", x, x.shape().withDim(0, Shape.UNKNOWN));
        String fetch = tf.build(g, "x");
        ObjectNode model = sequential("sequential", List.of(inputLayer("x", perSample), layer(className, "layer", config)));
        Map<String, LinkedHashMap<String, Tensor>> byLayer = weights.isEmpty() ? Map.of() : Map.of("layer", new LinkedHashMap<>(weights));
        return new Case(className + " " + config + " on " + x.shape(), new KerasModel(model, byLayer), g, fetch, tolerance);
    }

    private static String op(GraphDefBuilder g, String name, String op, String x) {
        return g.node(name, op).input(x).attr("T", DType.FLOAT32).done();
    }

    private static String binary(GraphDefBuilder g, String name, String op, String a, String b) {
        return g.node(name, op).input(a, b).attr("T", DType.FLOAT32).done();
    }

    private static String reshape(GraphDefBuilder g, String name, String x, int... dims) {
        g.constant(name + "_shape", Tensor.vectorInts(dims));
        return g.node(name, "Reshape").input(x, name + "_shape").attr("T", DType.FLOAT32).attr("Tshape", DType.INT32).done();
    }

    private static int perSample(GraphDefBuilder g, String x) {
        int[] dims = g.feeds().get(x).shape().dims();
        int n = 1;
        for (int d = 1; d < dims.length; d++) {
            n *= dims[d];
        }
        return n;
    }

    /** The TF ops of a Keras activation applied to {@code x}; the result is named {@code y}. */
    private static String activation(GraphDefBuilder g, String x, String fn) {
        return switch (fn) {
            case "linear" -> op(g, "y", "Identity", x);
            case "relu" -> op(g, "y", "Relu", x);
            case "relu6" -> op(g, "y", "Relu6", x);
            case "sigmoid" -> op(g, "y", "Sigmoid", x);
            case "tanh" -> op(g, "y", "Tanh", x);
            case "softmax" -> op(g, "y", "Softmax", x);
            case "log_softmax" -> op(g, "y", "LogSoftmax", x);
            case "elu" -> op(g, "y", "Elu", x);
            case "selu" -> op(g, "y", "Selu", x);
            case "softplus" -> op(g, "y", "Softplus", x);
            case "softsign" -> op(g, "y", "Softsign", x);
            case "swish", "silu" -> binary(g, "y", "Mul", x, op(g, "sig", "Sigmoid", x));
            case "gelu" -> {
                // Keras' exact gelu: 0.5 x (1 + erf(x / sqrt 2)).
                g.constant("rsqrt2", Tensor.scalar((float) (1 / Math.sqrt(2))));
                g.constant("half", Tensor.scalar(0.5f));
                g.constant("one", Tensor.scalar(1f));
                String erf = op(g, "erf", "Erf", binary(g, "scaled", "Mul", x, "rsqrt2"));
                yield binary(g, "y", "Mul", binary(g, "halfx", "Mul", x, "half"), binary(g, "onePlus", "AddV2", erf, "one"));
            }
            case "exponential" -> op(g, "y", "Exp", x);
            case "leaky_relu" -> g.node("y", "LeakyRelu").input(x).attr("T", DType.FLOAT32).attr("alpha", 0.2f).done();
            default -> throw new IllegalArgumentException(fn);
        };
    }

    /** Dense: MatMul, BiasAdd, then the activation, cycling through every Keras activation. */
    private static Case dense(RandomTensors r, int i) {
        int in = r.between(1, 9);
        int units = r.between(1, 7);
        boolean bias = r.coin();
        String fn = ACTIVATIONS.get((i * 5 + r.between(0, 4)) % ACTIVATIONS.size());
        Map<String, Tensor> w = new LinkedHashMap<>();
        w.put("kernel", r.floats(in, units));
        if (bias) {
            w.put("bias", r.floats(units));
        }
        ObjectNode config = JSON.createObjectNode().put("units", units).put("activation", fn).put("use_bias", bias);
        // Every fourth case is a sequence [batch, steps, in]: Keras multiplies the last axis (a batched matmul).
        boolean sequence = i % 4 == 3;
        int[] perSample = sequence ? new int[] {r.between(1, 4), in} : new int[] {in};
        return oneLayer(r, "Dense", config, perSample, w, (g, x) -> {
            g.constant("kernel", w.get("kernel"));
            String sum = g.node("matmul", sequence ? "BatchMatMulV2" : "MatMul").input(x, "kernel").attr("T", DType.FLOAT32).done();
            if (bias) {
                g.constant("bias", w.get("bias"));
                sum = binary(g, "biased", sequence ? "AddV2" : "BiasAdd", sum, "bias");
            }
            return activation(g, sum, fn);
        }, Tolerance.APPROX);
    }

    private static ArrayNode pair(ObjectNode config, String key, int... values) {
        ArrayNode list = config.putArray(key);
        for (int v : values) {
            list.add(v);
        }
        return list;
    }

    /** Conv1D / Conv2D: TF's Conv2D (1-D through ExpandDims and Squeeze, causal through Pad), BiasAdd, activation. */
    private static Case conv(RandomTensors r, int rank) {
        int k = r.between(1, 3);
        int kh = rank == 2 ? r.between(1, 3) : 1;
        int groups = r.pick(1, 1, 2);
        int channels = r.between(1, 3) * groups;
        int filters = r.between(1, 3) * groups;
        int dilation = r.pick(1, 1, 2);
        int stride = dilation > 1 ? 1 : r.between(1, 2);
        String padding = rank == 1 ? r.pick("valid", "same", "causal") : r.pick("valid", "same");
        String fn = r.pick("linear", "relu", "tanh");
        int w = r.between((k - 1) * dilation + 1, 9);
        int h = rank == 2 ? r.between((kh - 1) * dilation + 1, 7) : 1;
        Tensor kernel = r.floats(rank == 2 ? new int[] {kh, k, channels / groups, filters} : new int[] {k, channels / groups, filters});
        Tensor bias = r.floats(filters);
        ObjectNode config = JSON.createObjectNode().put("filters", filters).put("padding", padding).put("groups", groups)
                .put("activation", fn).put("use_bias", true).put("data_format", "channels_last");
        pair(config, "kernel_size", rank == 2 ? new int[] {kh, k} : new int[] {k});
        pair(config, "strides", rank == 2 ? new int[] {stride, stride} : new int[] {stride});
        pair(config, "dilation_rate", rank == 2 ? new int[] {dilation, dilation} : new int[] {dilation});
        Map<String, Tensor> weights = new LinkedHashMap<>();
        weights.put("kernel", kernel);
        weights.put("bias", bias);
        int[] perSample = rank == 2 ? new int[] {h, w, channels} : new int[] {w, channels};
        return oneLayer(r, "Conv" + rank + "D", config, perSample, weights, (g, x) -> {
            String input = x;
            if (padding.equals("causal")) {
                g.constant("paddings", Tensor.ofInts(Shape.of(3, 2), 0, 0, (k - 1) * dilation, 0, 0, 0));
                input = g.node("pad", "Pad").input(input, "paddings").attr("T", DType.FLOAT32).attr("Tpaddings", DType.INT32).done();
            }
            if (rank == 1) {
                g.constant("axis", Tensor.scalarInt(1));
                input = g.node("expand", "ExpandDims").input(input, "axis").attr("T", DType.FLOAT32).attr("Tdim", DType.INT32).done();
            }
            g.constant("kernel", rank == 2 ? kernel : kernel.reshape(Shape.of(1, k, channels / groups, filters)));
            String conv = g.node("conv", "Conv2D").input(input, "kernel").attr("T", DType.FLOAT32)
                    .attr("strides", new long[] {1, rank == 2 ? stride : 1, stride, 1})
                    .attr("padding", padding.equals("same") ? "SAME" : "VALID")
                    .attr("dilations", new long[] {1, rank == 2 ? dilation : 1, dilation, 1}).done();
            if (rank == 1) {
                conv = g.node("squeeze", "Squeeze").input(conv).attr("T", DType.FLOAT32).attr("squeeze_dims", new long[] {1}).done();
            }
            g.constant("bias", bias);
            return activation(g, binary(g, "biased", "BiasAdd", conv, "bias"), fn);
        }, Tolerance.APPROX);
    }

    /** DepthwiseConv2D (DepthwiseConv2dNative, BiasAdd) or SeparableConv2D (then a 1x1 Conv2D, BiasAdd). */
    private static Case depthwise(RandomTensors r, boolean separable) {
        int kh = r.between(1, 3);
        int kw = r.between(1, 3);
        int channels = r.between(1, 4);
        int multiplier = r.between(1, 2);
        int stride = r.between(1, 2);
        int filters = r.between(1, 4);
        String padding = r.pick("valid", "same");
        Tensor depthwiseKernel = r.floats(kh, kw, channels, multiplier);
        Tensor pointwise = r.floats(1, 1, channels * multiplier, filters);
        Tensor bias = r.floats(separable ? filters : channels * multiplier);
        ObjectNode config = JSON.createObjectNode().put("depth_multiplier", multiplier).put("padding", padding)
                .put("activation", "relu").put("use_bias", true);
        if (separable) {
            config.put("filters", filters);
        }
        pair(config, "kernel_size", kh, kw);
        pair(config, "strides", stride, stride);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        weights.put("depthwise_kernel", depthwiseKernel);
        if (separable) {
            weights.put("pointwise_kernel", pointwise);
        }
        weights.put("bias", bias);
        int[] perSample = {r.between(kh, 7), r.between(kw, 7), channels};
        return oneLayer(r, separable ? "SeparableConv2D" : "DepthwiseConv2D", config, perSample, weights, (g, x) -> {
            g.constant("dw", depthwiseKernel);
            String y = g.node("depthwise", "DepthwiseConv2dNative").input(x, "dw").attr("T", DType.FLOAT32)
                    .attr("strides", new long[] {1, stride, stride, 1}).attr("padding", padding.toUpperCase(java.util.Locale.ROOT)).done();
            if (separable) {
                g.constant("pw", pointwise);
                y = g.node("pointwise", "Conv2D").input(y, "pw").attr("T", DType.FLOAT32).attr("strides", new long[] {1, 1, 1, 1})
                        .attr("padding", "VALID").done();
            }
            g.constant("bias", bias);
            return op(g, "y", "Relu", binary(g, "biased", "BiasAdd", y, "bias"));
        }, Tolerance.APPROX);
    }

    /** BatchNormalization in inference: (x - mean) * rsqrt(var + eps) * gamma + beta, as Keras computes it. */
    private static Case batchNorm(RandomTensors r, int i) {
        int channels = r.between(1, 5);
        boolean scale = i % 2 == 0;
        boolean center = i % 3 != 2;
        double epsilon = r.pick(1e-3, 1e-5);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        Tensor gamma = r.uniform(0.5, 2, channels);
        Tensor beta = r.floats(channels);
        if (scale) {
            weights.put("gamma", gamma);
        }
        if (center) {
            weights.put("beta", beta);
        }
        weights.put("moving_mean", r.floats(channels));
        weights.put("moving_variance", r.uniform(0.1, 2, channels));
        ObjectNode config = JSON.createObjectNode().put("axis", -1).put("epsilon", epsilon).put("scale", scale).put("center", center);
        int[] perSample = i % 2 == 0 ? new int[] {channels} : new int[] {r.between(1, 4), r.between(1, 4), channels};
        return oneLayer(r, "BatchNormalization", config, perSample, weights, (g, x) -> {
            g.constant("mean", weights.get("moving_mean"));
            g.constant("var", weights.get("moving_variance"));
            g.constant("eps", Tensor.scalar((float) epsilon));
            String inv = op(g, "inv", "Rsqrt", binary(g, "varEps", "AddV2", "var", "eps"));
            if (scale) {
                g.constant("gamma", gamma);
                inv = binary(g, "invGamma", "Mul", inv, "gamma");
            }
            String y = binary(g, "scaled", "Mul", binary(g, "centered", "Sub", x, "mean"), inv);
            if (center) {
                g.constant("beta", beta);
                y = binary(g, "y", "AddV2", y, "beta");
            }
            return y;
        }, Tolerance.APPROX);
    }

    /** ReLU: Relu, Relu6, LeakyRelu (negative_slope), or Minimum(Relu(x), max_value). */
    private static Case relu(RandomTensors r, int i) {
        ObjectNode config = JSON.createObjectNode();
        float max = (float) r.uniform(0.5, 2.5, 1).getFloat(0);
        switch (i % 4) {
            case 1 -> config.put("max_value", 6.0);
            case 2 -> config.put("negative_slope", 0.25);
            case 3 -> config.put("max_value", max);
            default -> config.putNull("max_value");
        }
        return oneLayer(r, "ReLU", config, new int[] {r.between(1, 4), 5}, Map.of(), (g, x) -> switch (i % 4) {
            case 1 -> op(g, "y", "Relu6", x);
            case 2 -> g.node("y", "LeakyRelu").input(x).attr("T", DType.FLOAT32).attr("alpha", 0.25f).done();
            case 3 -> {
                g.constant("max", Tensor.scalar(max));
                yield binary(g, "y", "Minimum", op(g, "relu", "Relu", x), "max");
            }
            default -> op(g, "y", "Relu", x);
        }, Tolerance.EXACT);
    }

    /** Max/AveragePooling1D/2D: TF's MaxPool/AvgPool (1-D through ExpandDims and Squeeze). */
    private static Case pool(RandomTensors r, String kind, int rank) {
        int size = r.between(1, 3);
        int stride = r.between(1, 3);
        String padding = r.pick("valid", "same");
        ObjectNode config = JSON.createObjectNode().put("padding", padding);
        pair(config, "pool_size", rank == 2 ? new int[] {size, size} : new int[] {size});
        if (r.coin()) {
            pair(config, "strides", rank == 2 ? new int[] {stride, stride} : new int[] {stride});
        } else {
            config.putNull("strides");
            stride = size;
        }
        int s = stride;
        int[] perSample = rank == 2 ? new int[] {r.between(size, 8), r.between(size, 8), r.between(1, 3)}
                : new int[] {r.between(size, 9), r.between(1, 3)};
        return oneLayer(r, kind + "Pooling" + rank + "D", config, perSample, Map.of(), (g, x) -> {
            String input = x;
            if (rank == 1) {
                g.constant("axis", Tensor.scalarInt(1));
                input = g.node("expand", "ExpandDims").input(x, "axis").attr("T", DType.FLOAT32).attr("Tdim", DType.INT32).done();
            }
            String y = g.node(rank == 1 ? "pool" : "y", kind.equals("Max") ? "MaxPool" : "AvgPool").input(input).attr("T", DType.FLOAT32)
                    .attr("ksize", new long[] {1, rank == 2 ? size : 1, size, 1}).attr("strides", new long[] {1, rank == 2 ? s : 1, s, 1})
                    .attr("padding", padding.toUpperCase(java.util.Locale.ROOT)).done();
            return rank == 1 ? g.node("y", "Squeeze").input(y).attr("T", DType.FLOAT32).attr("squeeze_dims", new long[] {1}).done() : y;
        }, kind.equals("Max") ? Tolerance.EXACT : Tolerance.APPROX);
    }

    /** Global{Max,Average}Pooling1D/2D: TF's Max/Mean over the spatial axes, keep_dims as keepdims. */
    private static Case globalPool(RandomTensors r, String kind, int rank) {
        boolean keepDims = r.coin();
        int[] perSample = rank == 2 ? new int[] {r.between(1, 5), r.between(1, 5), r.between(1, 4)} : new int[] {r.between(1, 6), r.between(1, 4)};
        return oneLayer(r, "Global" + kind + "Pooling" + rank + "D", JSON.createObjectNode().put("keepdims", keepDims), perSample, Map.of(),
                (g, x) -> {
                    g.constant("axes", rank == 2 ? Tensor.vectorInts(1, 2) : Tensor.vectorInts(1));
                    return g.node("y", kind.equals("Max") ? "Max" : "Mean").input(x, "axes").attr("T", DType.FLOAT32)
                            .attr("Tidx", DType.INT32).attr("keep_dims", keepDims).done();
                }, kind.equals("Max") ? Tolerance.EXACT : Tolerance.APPROX);
    }

    /** Reshape: TF's Reshape to {@code [-1] + target_shape}, a -1 in the target resolved by hand (TF takes one -1). */
    private static Case reshapeCase(RandomTensors r, int i) {
        int a = r.between(1, 4);
        int b = r.between(1, 4);
        int c = r.between(1, 3);
        int[] target = r.pick(new int[] {a * b * c}, new int[] {b, a * c}, new int[] {c, -1}, new int[] {a, b, c, 1});
        ObjectNode config = JSON.createObjectNode();
        pair(config, "target_shape", target);
        int[] tf = new int[target.length + 1];
        tf[0] = -1;
        for (int d = 0; d < target.length; d++) {
            tf[d + 1] = target[d] == -1 ? a * b : target[d];
        }
        return oneLayer(r, "Reshape", config, new int[] {a, b, c}, Map.of(), (g, x) -> reshape(g, "y", x, tf), Tolerance.EXACT);
    }

    /** A Functional model {@code x0..xn-1 -> className} fed with inputs of one shape (or concatenable shapes). */
    private static Case functionalMerge(RandomTensors r, String className, ObjectNode config, List<Tensor> xs, TfSide tf,
            Tolerance tolerance) {
        GraphDefBuilder g = new GraphDefBuilder();
        List<ObjectNode> layers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int k = 0; k < xs.size(); k++) {
            String name = "in" + k;
            Tensor x = xs.get(k);
            g.input(name, x, x.shape().withDim(0, Shape.UNKNOWN));
            int[] perSample = new int[x.rank() - 1];
            System.arraycopy(x.shape().dims(), 1, perSample, 0, perSample.length);
            ObjectNode input = inputLayer(name, perSample);
            input.set("inbound_nodes", JSON.createArrayNode());
            layers.add(input);
            names.add(name);
        }
        layers.add(call(layer(className, "merge", config), names.toArray(String[]::new)));
        String fetch = tf.build(g, null);
        ObjectNode model = functional("model", layers, names, List.of("merge"));
        return new Case(className + " " + config + " of " + xs.size() + " inputs " + xs.get(0).shape(),
                new KerasModel(model, Map.of()), g, fetch, tolerance);
    }

    private static Case merge(RandomTensors r, String className, String tfOp) {
        int n = className.equals("Subtract") ? 2 : r.between(2, 3);
        int[] dims = {r.between(1, 3), r.between(1, 4), r.between(1, 3)};
        List<Tensor> xs = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            xs.add(r.floats(dims));
        }
        return functionalMerge(r, className, JSON.createObjectNode(), xs, (g, ignored) -> {
            String acc = "in0";
            for (int k = 1; k < n; k++) {
                acc = binary(g, k == n - 1 && !className.equals("Average") ? "y" : "acc" + k, tfOp, acc, "in" + k);
            }
            if (className.equals("Average")) {
                g.constant("count", Tensor.scalar(n));
                acc = binary(g, "y", "RealDiv", acc, "count");
            }
            return acc;
        }, className.equals("Average") ? Tolerance.APPROX : Tolerance.CLOSE);
    }

    private static Case concatenate(RandomTensors r, int i) {
        int axis = r.pick(-1, 1, 2);
        int n = r.between(2, 3);
        int batch = r.between(1, 3);
        List<Tensor> xs = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int size = r.between(1, 4);
            xs.add(r.floats(batch, axis == 1 ? size : 3, axis == 1 ? 2 : size));
        }
        return functionalMerge(r, "Concatenate", JSON.createObjectNode().put("axis", axis), xs, (g, ignored) -> {
            g.constant("axis", Tensor.scalarInt(axis));
            List<String> inputs = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                inputs.add("in" + k);
            }
            inputs.add("axis");
            return g.node("y", "ConcatV2").input(inputs.toArray(String[]::new)).attr("T", DType.FLOAT32).attr("N", n)
                    .attr("Tidx", DType.INT32).done();
        }, Tolerance.EXACT);
    }

    /** Conv2DTranspose: TF's Conv2DBackpropInput (Keras' kernel is its filter as is), BiasAdd, activation. */
    private static Case transposedConv(RandomTensors r, int i) {
        int kh = r.between(1, 3);
        int kw = r.between(1, 3);
        int stride = r.between(1, 3);
        int channels = r.between(1, 3);
        int filters = r.between(1, 3);
        String padding = r.pick("valid", "same");
        int h = r.between(1, 5);
        int w = r.between(1, 5);
        int outH = padding.equals("same") ? h * stride : (h - 1) * stride + kh;
        int outW = padding.equals("same") ? w * stride : (w - 1) * stride + kw;
        Tensor kernel = r.floats(kh, kw, filters, channels);
        Tensor bias = r.floats(filters);
        ObjectNode config = JSON.createObjectNode().put("filters", filters).put("padding", padding).put("activation", "relu");
        pair(config, "kernel_size", kh, kw);
        pair(config, "strides", stride, stride);
        config.putNull("output_padding");
        Map<String, Tensor> weights = new LinkedHashMap<>();
        weights.put("kernel", kernel);
        weights.put("bias", bias);
        return oneLayer(r, "Conv2DTranspose", config, new int[] {h, w, channels}, weights, (g, x) -> {
            int batch = g.feeds().get(x).shape().dim(0);
            g.constant("sizes", Tensor.vectorInts(batch, outH, outW, filters));
            g.constant("kernel", kernel);
            g.constant("bias", bias);
            String y = g.node("deconv", "Conv2DBackpropInput").input("sizes", "kernel", x).attr("T", DType.FLOAT32)
                    .attr("strides", new long[] {1, stride, stride, 1}).attr("padding", padding.toUpperCase(java.util.Locale.ROOT)).done();
            return op(g, "y", "Relu", binary(g, "biased", "BiasAdd", y, "bias"));
        }, Tolerance.APPROX);
    }

    /** ZeroPadding1D/2D (TF's Pad) or Cropping1D/2D (TF's Slice), amounts as an int, a pair per axis, or pairs of pairs. */
    private static Case padOrCrop(RandomTensors r, int rank, boolean pad) {
        int[][] amounts = new int[rank][2];
        for (int[] axis : amounts) {
            axis[0] = r.between(0, 2);
            axis[1] = r.between(0, 2);
        }
        ObjectNode config = JSON.createObjectNode();
        ArrayNode list = config.putArray(pad ? "padding" : "cropping");
        if (rank == 1) {
            list.add(amounts[0][0]).add(amounts[0][1]);
        } else {
            for (int[] axis : amounts) {
                list.addArray().add(axis[0]).add(axis[1]);
            }
        }
        int[] perSample = new int[rank + 1];
        for (int d = 0; d < rank; d++) {
            perSample[d] = amounts[d][0] + amounts[d][1] + r.between(1, 3);
        }
        perSample[rank] = r.between(1, 3);
        return oneLayer(r, (pad ? "ZeroPadding" : "Cropping") + rank + "D", config, perSample, Map.of(), (g, x) -> {
            int[] dims = g.feeds().get(x).shape().dims();
            if (pad) {
                int[] paddings = new int[2 * (rank + 2)];
                for (int d = 0; d < rank; d++) {
                    paddings[2 * (d + 1)] = amounts[d][0];
                    paddings[2 * (d + 1) + 1] = amounts[d][1];
                }
                g.constant("paddings", Tensor.ofInts(Shape.of(rank + 2, 2), paddings));
                return g.node("y", "Pad").input(x, "paddings").attr("T", DType.FLOAT32).attr("Tpaddings", DType.INT32).done();
            }
            int[] begin = new int[rank + 2];
            int[] size = new int[rank + 2];
            size[0] = -1;
            size[rank + 1] = -1;
            for (int d = 0; d < rank; d++) {
                begin[d + 1] = amounts[d][0];
                size[d + 1] = dims[d + 1] - amounts[d][0] - amounts[d][1];
            }
            g.constant("begin", Tensor.vectorInts(begin));
            g.constant("size", Tensor.vectorInts(size));
            return g.node("y", "Slice").input(x, "begin", "size").attr("T", DType.FLOAT32).attr("Index", DType.INT32).done();
        }, Tolerance.EXACT);
    }

    /** Embedding over int32 ids: TF's GatherV2 on axis 0. */
    private static Case embedding(RandomTensors r, int i) {
        int vocabulary = r.between(2, 9);
        int dim = r.between(1, 5);
        int length = r.between(1, 6);
        Tensor table = r.floats(vocabulary, dim);
        Tensor ids = r.ints(DType.INT32, 0, vocabulary, r.between(1, 3), length);
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("ids", ids, ids.shape().withDim(0, Shape.UNKNOWN));
        g.constant("table", table);
        g.constant("axis", Tensor.scalarInt(0));
        g.node("y", "GatherV2").input("table", "ids", "axis").attr("Tparams", DType.FLOAT32).attr("Tindices", DType.INT32)
                .attr("Taxis", DType.INT32).done();
        ObjectNode input = inputLayer("ids", length);
        ((ObjectNode) input.path("config")).put("dtype", "int32");
        ObjectNode config = JSON.createObjectNode().put("input_dim", vocabulary).put("output_dim", dim);
        ObjectNode model = sequential("sequential", List.of(input, layer("Embedding", "layer", config)));
        Map<String, LinkedHashMap<String, Tensor>> weights = Map.of("layer", new LinkedHashMap<>(Map.of("embeddings", table)));
        return new Case("Embedding " + config + " on " + ids.shape(), new KerasModel(model, weights), g, "y", Tolerance.EXACT);
    }

    /** LayerNormalization: TF's Mean, SquaredDifference, Mean, AddV2, Rsqrt, Mul, then gamma and beta (Keras 3's moments form). */
    private static Case layerNorm(RandomTensors r, int i) {
        int channels = r.between(2, 6);
        boolean scale = i % 2 == 0;
        boolean center = i % 3 != 2;
        double epsilon = r.pick(1e-3, 1e-5);
        Tensor gamma = r.uniform(0.5, 2, channels);
        Tensor beta = r.floats(channels);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        if (scale) {
            weights.put("gamma", gamma);
        }
        if (center) {
            weights.put("beta", beta);
        }
        ObjectNode config = JSON.createObjectNode().put("epsilon", epsilon).put("scale", scale).put("center", center);
        config.putArray("axis").add(-1);
        int[] perSample = i % 2 == 0 ? new int[] {channels} : new int[] {r.between(1, 4), channels};
        return oneLayer(r, "LayerNormalization", config, perSample, weights, (g, x) -> {
            int rank = perSample.length + 1;
            g.constant("axes", Tensor.vectorInts(rank - 1));
            g.constant("eps", Tensor.scalar((float) epsilon));
            String mean = g.node("mean", "Mean").input(x, "axes").attr("T", DType.FLOAT32).attr("Tidx", DType.INT32)
                    .attr("keep_dims", true).done();
            String sq = binary(g, "sq", "SquaredDifference", x, mean);
            String variance = g.node("variance", "Mean").input(sq, "axes").attr("T", DType.FLOAT32).attr("Tidx", DType.INT32)
                    .attr("keep_dims", true).done();
            String inv = op(g, "inv", "Rsqrt", binary(g, "varEps", "AddV2", variance, "eps"));
            String y = binary(g, "normed", "Mul", binary(g, "centered", "Sub", x, mean), inv);
            if (scale) {
                g.constant("gamma", gamma);
                y = binary(g, "scaled", "Mul", y, "gamma");
            }
            if (center) {
                g.constant("beta", beta);
                y = binary(g, "y", "AddV2", y, "beta");
            }
            return y;
        }, Tolerance.APPROX);
    }
}
