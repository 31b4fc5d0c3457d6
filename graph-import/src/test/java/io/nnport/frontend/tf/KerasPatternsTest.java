package io.nnport.frontend.tf;

import io.nnport.frontend.ImportOptions;
import io.nnport.frontend.tf.testing.GraphDefBuilder;
import io.nnport.frontend.tf.testing.TfOracle;
import io.nnport.ir.DType;
import io.nnport.ir.ModelException;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.eval.LayerInterpreter;
import io.nnport.ir.layers.ConvLayer;
import io.nnport.ir.layers.LayerGraph;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.ReshapeLayer;
import io.nnport.kernels.testing.Tolerance;
import io.nnport.testing.RandomTensors;
import io.nnport.testing.TensorAsserts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Graphs written the way Keras and TF1 lower their layers (node names, {@code /read} weights,
 * learning-phase conds, flatten patterns, BatchNorm after conv, tfjs PReLU) must fuse into the
 * expected layers, naming the TF nodes merged into each, and the fused layer graph must still
 * compute what TensorFlow computes on the same graph.
 */
class KerasPatternsTest {
    private static final long SEED = 5L;
    private static final int BATCH = 3;

    private final RandomTensors random = new RandomTensors(SEED);
    private final GraphDefBuilder g = new GraphDefBuilder();

    // --- builders in Keras' lowering style -------------------------------------------------------

    /** A TF1 Keras weight: a Const and its {@code /read} Identity. */
    private String weight(String name, Tensor value) {
        g.constant(name, value);
        return g.node(name + "/read", "Identity").input(name).attr("T", value.dtype()).done();
    }

    private String ints(String name, int... values) {
        return g.constant(name, Tensor.vectorInts(values));
    }

    private String scalarInt(String name, int value) {
        return g.constant(name, Tensor.scalarInt(value));
    }

    private String unary(String name, String op, String x) {
        return g.node(name, op).input(x).attr("T", DType.FLOAT32).done();
    }

    private String binary(String name, String op, String a, String b) {
        return g.node(name, op).input(a, b).attr("T", DType.FLOAT32).done();
    }

    private String biasAdd(String name, String x, String bias) {
        return binary(name, "BiasAdd", x, bias);
    }

    private String conv2d(String name, String x, String filter, int stride, String padding) {
        return g.node(name, "Conv2D").input(x, filter).attr("T", DType.FLOAT32).attr("strides", new long[] {1, stride, stride, 1})
                .attr("padding", padding).done();
    }

    private String expandDims(String name, String x, int axis) {
        String dim = scalarInt(name + "/dim", axis);
        return g.node(name, "ExpandDims").input(x, dim).attr("T", DType.FLOAT32).attr("Tdim", DType.INT32).done();
    }

    private String squeeze(String name, String x, int axis) {
        return g.node(name, "Squeeze").input(x).attr("T", DType.FLOAT32).attr("squeeze_dims", new long[] {axis}).done();
    }

    private String matMul(String name, String x, String w) {
        return g.node(name, "MatMul").input(x, w).attr("T", DType.FLOAT32).attr("transpose_a", false).attr("transpose_b", false).done();
    }

    /** TF1 Keras Flatten / K.batch_flatten: Reshape(x, Pack([-1, Prod(Shape(x)[1:])])). */
    private String tf1Flatten(String scope, String x) {
        String shape = g.node(scope + "/Shape", "Shape").input(x).attr("T", DType.FLOAT32).attr("out_type", DType.INT32).done();
        String slice = g.node(scope + "/strided_slice", "StridedSlice")
                .input(shape, ints(scope + "/strided_slice/stack", 1), ints(scope + "/strided_slice/stack_1", 0),
                        ints(scope + "/strided_slice/stack_2", 1))
                .attr("T", DType.INT32).attr("Index", DType.INT32).attr("begin_mask", 0L).attr("end_mask", 1L)
                .attr("ellipsis_mask", 0L).attr("new_axis_mask", 0L).attr("shrink_axis_mask", 0L).done();
        String prod = g.node(scope + "/Prod", "Prod").input(slice, ints(scope + "/Const", 0)).attr("T", DType.INT32)
                .attr("Tidx", DType.INT32).attr("keep_dims", false).done();
        String stack = g.node(scope + "/stack", "Pack").input(scalarInt(scope + "/stack/0", -1), prod).attr("T", DType.INT32)
                .attr("N", 2L).attr("axis", 0L).done();
        return g.node(scope + "/Reshape", "Reshape").input(x, stack).attr("T", DType.FLOAT32).attr("Tshape", DType.INT32).done();
    }

    /** Keras' Dropout under the learning phase: Merge(Identity(Switch:0), dropout(Switch:1)). */
    private String learningPhaseDropout(String scope, String x, String learningPhase) {
        String sw = g.node(scope + "/cond/Switch_1", "Switch").input(x, learningPhase).attr("T", DType.FLOAT32).done();
        String keep = g.node(scope + "/cond/Identity", "Identity").input(sw).attr("T", DType.FLOAT32).done();
        String shape = g.node(scope + "/cond/dropout/Shape", "Shape").input(sw + ":1").attr("T", DType.FLOAT32)
                .attr("out_type", DType.INT32).done();
        String uniform = g.node(scope + "/cond/dropout/random_uniform/RandomUniform", "RandomUniform").input(shape)
                .attr("T", DType.INT32).attr("dtype", DType.FLOAT32).attr("seed", 0L).attr("seed2", 0L).done();
        String rate = g.constant(scope + "/cond/dropout/rate", Tensor.scalar(0.5f));
        String mask = g.node(scope + "/cond/dropout/GreaterEqual", "GreaterEqual").input(uniform, rate).attr("T", DType.FLOAT32).done();
        String cast = g.node(scope + "/cond/dropout/Cast", "Cast").input(mask).attr("SrcT", DType.BOOL).attr("DstT", DType.FLOAT32).done();
        String dropped = binary(scope + "/cond/dropout/mul_1", "Mul", sw + ":1", cast);
        return g.node(scope + "/cond/Merge", "Merge").input(dropped, keep).attr("T", DType.FLOAT32).attr("N", 2L).done();
    }

    private String learningPhase() {
        g.constant("keras_learning_phase/input", Tensor.scalarBool(false));
        return g.node("keras_learning_phase", "PlaceholderWithDefault").input("keras_learning_phase/input")
                .attr("dtype", DType.BOOL).attr("shape", Shape.scalar()).done();
    }

    // --- checks ------------------------------------------------------------------------------------

    private LayerGraph importAndCompare(ImportOptions options, Map<String, Tensor> tfFeeds, Map<String, Tensor> inputs) {
        byte[] bytes = g.bytes();
        LayerGraph layers = TensorFlowFrontEnd.importGraph(GraphDefReader.read(bytes, "pattern.pb"), options).layers();
        Map<String, Tensor> actual = new LayerInterpreter(layers).run(inputs);
        List<String> fetches = layers.outputs().stream().map(LayerGraph.Output::name).toList();
        Map<String, Tensor> expected = TfOracle.run(bytes, tfFeeds, fetches);
        for (String fetch : fetches) {
            TensorAsserts.assertMatches(Tolerance.APPROX, expected.get(fetch), actual.get(fetch), "output " + fetch);
        }
        return layers;
    }

    private LayerGraph importAndCompare() {
        return importAndCompare(ImportOptions.defaults(), g.feeds(), g.feeds());
    }

    private static List<String> kinds(LayerGraph graph) {
        return graph.layers().stream().map(n -> n.layer().kindName()).toList();
    }

    // --- patterns ----------------------------------------------------------------------------------

    @Test
    void kerasConv1dPoolFlattenDenseWithLearningPhaseDropout() {
        String x = g.input("input_1", random.uniform(-1, 1, BATCH, 20, 4), Shape.of(-1, 20, 4));
        String lp = learningPhase();
        String kernel = weight("sequential/conv1d/kernel", random.uniform(-0.5, 0.5, 3, 4, 6));
        String bias = weight("sequential/conv1d/bias", random.uniform(-0.5, 0.5, 6));
        String expanded = expandDims("sequential/conv1d/Conv1D/ExpandDims", x, -3);
        String filter = expandDims("sequential/conv1d/Conv1D/ExpandDims_1", kernel, 0);
        String conv = conv2d("sequential/conv1d/Conv1D", expanded, filter, 1, "VALID");
        String squeezed = squeeze("sequential/conv1d/Conv1D/Squeeze", conv, -3);
        String relu = unary("sequential/conv1d/Relu", "Relu", biasAdd("sequential/conv1d/BiasAdd", squeezed, bias));
        String poolIn = expandDims("sequential/max_pooling1d/ExpandDims", relu, 1);
        String pooled = g.node("sequential/max_pooling1d/MaxPool", "MaxPool").input(poolIn).attr("T", DType.FLOAT32)
                .attr("ksize", new long[] {1, 1, 2, 1}).attr("strides", new long[] {1, 1, 2, 1}).attr("padding", "VALID").done();
        String pool1d = squeeze("sequential/max_pooling1d/Squeeze", pooled, 1);
        String dropped = learningPhaseDropout("sequential/dropout", pool1d, lp);
        String flat = tf1Flatten("sequential/flatten", dropped);
        String w = weight("sequential/dense/kernel", random.uniform(-0.3, 0.3, 54, 5));
        String b = weight("sequential/dense/bias", random.uniform(-0.3, 0.3, 5));
        String logits = biasAdd("sequential/dense/BiasAdd", matMul("sequential/dense/MatMul", flat, w), b);
        unary("sequential/dense/Softmax", "Softmax", logits);

        LayerGraph layers = importAndCompare();
        assertEquals(List.of("Conv", "Pool", "Reshape", "Dense", "Softmax"), kinds(layers));
        LayerNode conv1d = layers.layers().get(0);
        assertEquals("Conv1D k=3 s=1 VALID ->6 +bias +relu", conv1d.layer().describe());
        assertEquals(List.of("sequential/conv1d/Conv1D/ExpandDims", "sequential/conv1d/Conv1D", "sequential/conv1d/Conv1D/Squeeze",
                "sequential/conv1d/BiasAdd", "sequential/conv1d/Relu"), conv1d.sourceNodes());
        assertEquals(Shape.of(3, 4, 6), ((ConvLayer) conv1d.layer()).filter().shape());
        assertEquals("sequential/conv1d/Relu", conv1d.output());
        assertEquals("MaxPool1D 2/2 VALID", layers.layers().get(1).layer().describe());
        assertEquals(new ReshapeLayer(Shape.of(-1, 54)), layers.layers().get(2).layer());
        assertEquals(List.of("sequential/dense/MatMul", "sequential/dense/BiasAdd"), layers.layers().get(3).sourceNodes());
    }

    @Test
    void kerasTwoPooling1dOnAWidthOneAxisFusesToo() {
        // tf.keras 2 lowers MaxPooling1D/AveragePooling1D as ExpandDims(axis 2), a window [k,1], Squeeze(2).
        String x = g.input("input_1", random.uniform(-1, 1, BATCH, 11, 5), Shape.of(-1, 11, 5));
        String expanded = expandDims("sequential/average_pooling1d/ExpandDims", x, 2);
        String pooled = g.node("sequential/average_pooling1d/AvgPool", "AvgPool").input(expanded).attr("T", DType.FLOAT32)
                .attr("ksize", new long[] {1, 3, 1, 1}).attr("strides", new long[] {1, 2, 1, 1}).attr("padding", "SAME").done();
        squeeze("sequential/average_pooling1d/Squeeze", pooled, 2);

        LayerGraph layers = importAndCompare();
        assertEquals(List.of("Pool"), kinds(layers));
        assertEquals("AvgPool1D 3/2 SAME", layers.layers().get(0).layer().describe());
        assertEquals(List.of("sequential/average_pooling1d/ExpandDims", "sequential/average_pooling1d/AvgPool",
                "sequential/average_pooling1d/Squeeze"), layers.layers().get(0).sourceNodes());
    }

    @Test
    void fusedBatchNormV3AfterConvFoldsIntoItAndElsewhereBecomesBatchNormWithRelu() {
        String x = g.input("x", random.uniform(-1, 1, BATCH, 9, 7, 3), Shape.of(-1, 9, 7, 3));
        String filter = weight("model/conv2d/kernel", random.uniform(-0.5, 0.5, 3, 3, 3, 8));
        String conv = conv2d("model/conv2d/Conv2D", x, filter, 2, "SAME");
        String bn = batchNorm("model/batch_normalization", conv, 8);
        String relu = unary("model/re_lu/Relu", "Relu", bn);
        String pooled = g.node("model/max_pooling2d/MaxPool", "MaxPool").input(relu).attr("T", DType.FLOAT32)
                .attr("ksize", new long[] {1, 2, 2, 1}).attr("strides", new long[] {1, 2, 2, 1}).attr("padding", "SAME").done();
        String bn2 = batchNorm("model/batch_normalization_1", pooled, 8);
        String relu2 = unary("model/re_lu_1/Relu", "Relu", bn2);
        String mean = g.node("model/global_average_pooling2d/Mean", "Mean").input(relu2, ints("model/global_average_pooling2d/Mean/reduction_indices", 1, 2))
                .attr("T", DType.FLOAT32).attr("Tidx", DType.INT32).attr("keep_dims", false).done();
        String w = weight("model/dense/kernel", random.uniform(-0.3, 0.3, 8, 4));
        matMul("model/dense/MatMul", mean, w);

        LayerGraph layers = importAndCompare();
        assertEquals(List.of("Conv", "Pool", "BatchNorm", "GlobalPool", "Dense"), kinds(layers));
        assertEquals("Conv2D 3x3 s=2x2 SAME ->8 +scale +shift +relu", layers.layers().get(0).layer().describe());
        assertEquals(List.of("model/conv2d/Conv2D", "model/batch_normalization/FusedBatchNormV3", "model/re_lu/Relu"),
                layers.layers().get(0).sourceNodes());
        assertEquals("BatchNorm +scale +shift +relu", layers.layers().get(2).layer().describe());
    }

    private String batchNorm(String scope, String x, int channels) {
        String gamma = weight(scope + "/gamma", random.uniform(0.5, 1.5, channels));
        String beta = weight(scope + "/beta", random.uniform(-0.5, 0.5, channels));
        String mean = weight(scope + "/moving_mean", random.uniform(-0.5, 0.5, channels));
        String variance = weight(scope + "/moving_variance", random.uniform(0.2, 2, channels));
        return g.node(scope + "/FusedBatchNormV3", "FusedBatchNormV3").input(x, gamma, beta, mean, variance)
                .attr("T", DType.FLOAT32).attr("U", DType.FLOAT32).attr("epsilon", 0.001f).attr("is_training", false)
                .attr("data_format", "NHWC").done();
    }

    @Test
    void tfjsPReLUBecomesOneLayerAfterTheConvItFollows() {
        String x = g.input("x", random.uniform(-1, 1, BATCH, 6, 6, 2), Shape.of(-1, 6, 6, 2));
        String filter = g.constant("conv/kernel", random.uniform(-0.5, 0.5, 1, 1, 2, 4));
        String conv = biasAdd("conv/BiasAdd", conv2d("conv/Conv2D", x, filter, 1, "VALID"), g.constant("conv/bias", random.uniform(-0.5, 0.5, 4)));
        String positive = unary("p_re_lu/Relu", "Relu", conv);
        String negated = unary("p_re_lu/Neg", "Neg", conv);
        String negativePart = unary("p_re_lu/Relu_1", "Relu", negated);
        String alpha = g.constant("p_re_lu/Neg_1", random.uniform(-0.5, 0, 6, 6, 4));
        String scaled = binary("p_re_lu/mul", "Mul", alpha, negativePart);
        binary("p_re_lu/add", "AddV2", positive, scaled);

        LayerGraph layers = importAndCompare();
        assertEquals(List.of("Conv", "PReLU"), kinds(layers));
        assertEquals(List.of("p_re_lu/Relu", "p_re_lu/Neg", "p_re_lu/Relu_1", "p_re_lu/mul", "p_re_lu/add"), layers.layers().get(1).sourceNodes());
        assertEquals("Conv2D 1x1 s=1x1 VALID ->4 +bias", layers.layers().get(0).layer().describe());
    }

    @Test
    void tf1DropoutWithKeepProbBoundToOneDisappears() {
        String x = g.input("x", random.uniform(-1, 1, BATCH, 5), Shape.of(-1, 5));
        Tensor one = Tensor.scalar(1f);
        String keep = g.input("keep_prob", one, Shape.scalar());
        String w = weight("fc/weights", random.uniform(-0.5, 0.5, 5, 3));
        String hidden = unary("fc/Relu", "Relu", matMul("fc/MatMul", x, w));
        String shape = g.node("dropout/Shape", "Shape").input(hidden).attr("T", DType.FLOAT32).attr("out_type", DType.INT32).done();
        String uniform = g.node("dropout/random_uniform/RandomUniform", "RandomUniform").input(shape).attr("T", DType.INT32)
                .attr("dtype", DType.FLOAT32).attr("seed", 0L).attr("seed2", 0L).done();
        String floor = unary("dropout/Floor", "Floor", binary("dropout/add", "Add", keep, uniform));
        String dropped = binary("dropout/mul", "Mul", binary("dropout/div", "RealDiv", hidden, keep), floor);
        String w2 = weight("out/weights", random.uniform(-0.5, 0.5, 3, 2));
        matMul("out/MatMul", dropped, w2);

        Map<String, Tensor> inputs = Map.of("x", g.feeds().get("x"));
        LayerGraph layers = importAndCompare(ImportOptions.defaults().withConstant("keep_prob", "1"), g.feeds(), inputs);
        assertEquals(List.of("Dense", "Dense"), kinds(layers));

        ModelException active = assertThrows(ModelException.class, () -> TensorFlowFrontEnd.importGraph(GraphDefReader.read(g.bytes(), "p.pb"),
                ImportOptions.defaults().withConstant("keep_prob", "0.5")));
        assertTrue(active.getMessage().contains("dropout is active at inference"), active.getMessage());
    }

    @Test
    void unboundTrainingFlagIsReportedWithAHint() {
        String x = g.input("x", random.uniform(-1, 1, BATCH, 4), Shape.of(-1, 4));
        String flag = g.input("is_train", Tensor.scalarBool(false), Shape.scalar());
        learningPhaseDropout("dropout", x, flag);
        ModelException error = assertThrows(ModelException.class,
                () -> TensorFlowFrontEnd.importGraph(GraphDefReader.read(g.bytes(), "p.pb"), ImportOptions.defaults()));
        assertTrue(error.getMessage().startsWith("p.pb: unsupported ops: "), error.getMessage());
        assertTrue(error.getMessage().contains("Merge (1 node: dropout/cond/Merge)"), error.getMessage());
        assertTrue(error.getMessage().contains("--constant is_train=false"), error.getMessage());
    }

    @Test
    void depthwiseAndKerasConv2DTransposeWithADynamicBatchOutputShape() {
        String x = g.input("x", random.uniform(-1, 1, BATCH, 5, 5, 3), Shape.of(-1, 5, 5, 3));
        String dw = g.node("dw/depthwise", "DepthwiseConv2dNative").input(x, weight("dw/depthwise_kernel", random.uniform(-0.5, 0.5, 3, 3, 3, 2)))
                .attr("T", DType.FLOAT32).attr("strides", new long[] {1, 1, 1, 1}).attr("padding", "SAME").done();
        String act = unary("dw/Relu6", "Relu6", dw);
        // Keras computes the transposed conv's output shape from the runtime batch: Pack(Shape(x)[0], 10, 10, 4).
        String shape = g.node("tconv/Shape", "Shape").input(act).attr("T", DType.FLOAT32).attr("out_type", DType.INT32).done();
        String batch = g.node("tconv/strided_slice", "StridedSlice").input(shape, ints("tconv/s0", 0), ints("tconv/s1", 1), ints("tconv/s2", 1))
                .attr("T", DType.INT32).attr("Index", DType.INT32).attr("begin_mask", 0L).attr("end_mask", 0L)
                .attr("ellipsis_mask", 0L).attr("new_axis_mask", 0L).attr("shrink_axis_mask", 1L).done();
        String sizes = g.node("tconv/stack", "Pack").input(batch, scalarInt("tconv/h", 10), scalarInt("tconv/w", 10), scalarInt("tconv/c", 4))
                .attr("T", DType.INT32).attr("N", 4L).attr("axis", 0L).done();
        String tconv = g.node("tconv/conv2d_transpose", "Conv2DBackpropInput")
                .input(sizes, weight("tconv/kernel", random.uniform(-0.5, 0.5, 3, 3, 4, 6)), act)
                .attr("T", DType.FLOAT32).attr("strides", new long[] {1, 2, 2, 1}).attr("padding", "SAME").done();
        biasAdd("tconv/BiasAdd", tconv, weight("tconv/bias", random.uniform(-0.5, 0.5, 4)));

        LayerGraph layers = importAndCompare();
        assertEquals(List.of("DepthwiseConv2D", "TransposedConv2D"), kinds(layers));
        assertEquals("DepthwiseConv2D 3x3 s=1x1 m=2 SAME +relu6", layers.layers().get(0).layer().describe());
        assertEquals(Shape.of(-1, 10, 10, 4), layers.value(layers.outputs().get(0).value()).shape());
    }

    @Test
    void kerasUnfusedBatchNormOnDenseIsAScaleAndShiftInTheDenseEpilogue() {
        String x = g.input("x", random.uniform(-1, 1, BATCH, 6), Shape.of(-1, 6));
        String dense = matMul("dense/MatMul", x, weight("dense/kernel", random.uniform(-0.5, 0.5, 6, 4)));
        String scaled = binary("batch_normalization/batchnorm/mul_1", "Mul", dense, g.constant("batch_normalization/batchnorm/mul", random.uniform(0.5, 1.5, 4)));
        String shifted = binary("batch_normalization/batchnorm/add_1", "AddV2", scaled, g.constant("batch_normalization/batchnorm/sub", random.uniform(-1, 1, 4)));
        unary("activation/Sigmoid", "Sigmoid", shifted);
        LayerGraph layers = importAndCompare();
        assertEquals(List.of("Dense"), kinds(layers));
        assertEquals("Dense 6->4 +scale +shift +sigmoid", layers.layers().get(0).layer().describe());
    }

    @Test
    void aValueReadByTwoLayersIsNotFusedAway() {
        String x = g.input("x", random.uniform(-1, 1, BATCH, 6), Shape.of(-1, 6));
        String dense = matMul("dense/MatMul", x, g.constant("dense/kernel", random.uniform(-0.5, 0.5, 6, 4)));
        String relu = unary("relu", "Relu", dense);
        String tanh = unary("tanh", "Tanh", dense);
        binary("sum", "AddV2", relu, tanh);
        LayerGraph layers = importAndCompare();
        assertEquals(List.of("Dense", "Unary", "Unary", "Binary"), kinds(layers));
    }

    @Test
    void stridedSliceOfBatchElementZeroHasNoBatch() {
        String x = g.input("x", random.uniform(-1, 1, BATCH, 4, 5), Shape.of(-1, 4, 5));
        g.node("strided_slice", "StridedSlice").input(x, ints("b", 0, 1), ints("e", 1, 3), ints("s", 1, 1))
                .attr("T", DType.FLOAT32).attr("Index", DType.INT32).attr("begin_mask", 0L).attr("end_mask", 0L)
                .attr("ellipsis_mask", 0L).attr("new_axis_mask", 0L).attr("shrink_axis_mask", 1L).done();
        LayerGraph layers = importAndCompare();
        assertEquals(Shape.of(2, 5), layers.value("strided_slice").shape());
        assertEquals(false, layers.value("strided_slice").batched());
    }
}
