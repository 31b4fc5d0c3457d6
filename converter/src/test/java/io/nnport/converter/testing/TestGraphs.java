package io.nnport.converter.testing;

import io.nnport.frontend.tf.testing.GraphDefBuilder;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.util.Random;

/**
 * Small TensorFlow graphs for converter tests, built node by node in the shapes real exporters
 * write (Keras' Conv1D lowering, BiasAdd after MatMul, FusedBatchNormV3 after Conv2D). Weights are
 * seeded; the placeholder keeps the batch dynamic.
 */
public final class TestGraphs {

    private final GraphDefBuilder g = new GraphDefBuilder();
    private final Random random;

    public TestGraphs(long seed) {
        this.random = new Random(seed);
    }

    public GraphDefBuilder builder() {
        return g;
    }

    /** A float placeholder with dimension 0 dynamic, fed with a batch-1 example (tests feed their own). */
    public String input(String name, int... sampleDims) {
        int[] declared = new int[sampleDims.length + 1];
        int[] fed = new int[sampleDims.length + 1];
        declared[0] = -1;
        fed[0] = 1;
        System.arraycopy(sampleDims, 0, declared, 1, sampleDims.length);
        System.arraycopy(sampleDims, 0, fed, 1, sampleDims.length);
        return g.input(name, random(Shape.of(fed), 1f), Shape.of(declared));
    }

    public Tensor random(Shape shape, float scale) {
        float[] v = new float[Tensor.checkedSize(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (random.nextFloat() * 2 - 1) * scale;
        }
        return Tensor.ofFloats(shape, v);
    }

    public String constant(String name, int... dims) {
        float fanIn = 1;
        for (int i = 0; i < dims.length - 1; i++) {
            fanIn *= dims[i];
        }
        return g.constant(name, random(Shape.of(dims), (float) (1.5 / Math.sqrt(Math.max(fanIn, 1)))));
    }

    public String op(String name, String op, String... inputs) {
        return g.node(name, op).input(inputs).attr("T", DType.FLOAT32).done();
    }

    public String dense(String scope, String x, int in, int out, String activation) {
        String w = constant(scope + "/kernel", in, out);
        String b = constant(scope + "/bias", out);
        String mm = op(scope + "/MatMul", "MatMul", x, w);
        String y = op(scope + "/BiasAdd", "BiasAdd", mm, b);
        return activation == null ? y : op(scope + "/" + activation, activation, y);
    }

    /**
     * Keras' Conv1D lowering: ExpandDims, Conv2D, Squeeze, then BiasAdd and an activation; a filter
     * depth below x's channels makes it grouped.
     */
    public String conv1d(String scope, String x, int filterDepth, int cout, int k, int stride, String padding, String activation) {
        String axis = g.constant(scope + "/Conv1D/ExpandDims/dim", Tensor.scalarInt(-3));
        String xe = g.node(scope + "/Conv1D/ExpandDims", "ExpandDims").input(x, axis).attr("T", DType.FLOAT32)
                .attr("Tdim", DType.INT32).done();
        String w = constant(scope + "/kernel", k, filterDepth, cout);
        String wAxis = g.constant(scope + "/Conv1D/ExpandDims_1/dim", Tensor.scalarInt(0));
        String we = g.node(scope + "/Conv1D/ExpandDims_1", "ExpandDims").input(w, wAxis).attr("T", DType.FLOAT32)
                .attr("Tdim", DType.INT32).done();
        String conv = g.node(scope + "/Conv1D", "Conv2D").input(xe, we).attr("T", DType.FLOAT32)
                .attr("strides", new long[] {1, 1, stride, 1}).attr("padding", padding).done();
        String sq = g.node(scope + "/Conv1D/Squeeze", "Squeeze").input(conv).attr("T", DType.FLOAT32)
                .attr("squeeze_dims", new long[] {-3}).done();
        String b = constant(scope + "/bias", cout);
        String y = op(scope + "/BiasAdd", "BiasAdd", sq, b);
        return activation == null ? y : op(scope + "/" + activation, activation, y);
    }

    /** TensorFlow's Conv2D; a filter depth below x's channels makes it grouped (channels / depth groups). */
    public String conv2d(String scope, String x, int filterDepth, int cout, int k, int stride, String padding) {
        String w = constant(scope + "/kernel", k, k, filterDepth, cout);
        return g.node(scope + "/Conv2D", "Conv2D").input(x, w).attr("T", DType.FLOAT32)
                .attr("strides", new long[] {1, stride, stride, 1}).attr("padding", padding).done();
    }

    /** TensorFlow's ResizeNearestNeighbor of NHWC {@code x} to {@code height x width}. */
    public String resizeNearest(String name, String x, int height, int width, boolean alignCorners,
                                boolean halfPixelCenters) {
        String size = g.constant(name + "/size", Tensor.vectorInts(height, width));
        return g.node(name, "ResizeNearestNeighbor").input(x, size).attr("T", DType.FLOAT32)
                .attr("align_corners", alignCorners).attr("half_pixel_centers", halfPixelCenters).done();
    }

    /** Inference FusedBatchNormV3 with seeded statistics. */
    public String batchNorm(String scope, String x, int channels) {
        String gamma = g.constant(scope + "/gamma", positive(channels));
        String beta = constant(scope + "/beta", channels);
        String mean = constant(scope + "/moving_mean", channels);
        String var = g.constant(scope + "/moving_variance", positive(channels));
        return g.node(scope + "/FusedBatchNormV3", "FusedBatchNormV3").input(x, gamma, beta, mean, var)
                .attr("T", DType.FLOAT32).attr("U", DType.FLOAT32).attr("epsilon", 0.001f)
                .attr("is_training", false).attr("data_format", "NHWC").done();
    }

    private Tensor positive(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.5f + random.nextFloat();
        }
        return Tensor.ofFloats(Shape.of(n), v);
    }

    public String maxPool1d(String scope, String x, int size) {
        String axis = g.constant(scope + "/ExpandDims/dim", Tensor.scalarInt(1));
        String xe = g.node(scope + "/ExpandDims", "ExpandDims").input(x, axis).attr("T", DType.FLOAT32)
                .attr("Tdim", DType.INT32).done();
        String pool = g.node(scope + "/MaxPool", "MaxPool").input(xe).attr("T", DType.FLOAT32)
                .attr("ksize", new long[] {1, 1, size, 1}).attr("strides", new long[] {1, 1, size, 1})
                .attr("padding", "VALID").done();
        return g.node(scope + "/Squeeze", "Squeeze").input(pool).attr("T", DType.FLOAT32)
                .attr("squeeze_dims", new long[] {1}).done();
    }

    public String flatten(String scope, String x, int perSample) {
        String shape = g.constant(scope + "/Const", Tensor.vectorInts(-1, perSample));
        return g.node(scope + "/Reshape", "Reshape").input(x, shape).attr("T", DType.FLOAT32)
                .attr("Tshape", DType.INT32).done();
    }

    /**
     * An NHWC image model with a residual branch: conv SAME stride 2 + BatchNorm + ReLU6, a
     * depthwise conv SAME + bias + ReLU, the residual add, average pooling, global average pooling,
     * dense, softmax.
     */
    public static TestGraphs residualCnn(long seed) {
        TestGraphs t = new TestGraphs(seed);
        String x = t.input("image", 12, 12, 3);
        String conv = t.conv2d("model/conv", x, 3, 8, 3, 2, "SAME");
        String bn = t.batchNorm("model/bn", conv, 8);
        String act = t.op("model/Relu6", "Relu6", bn);
        String dwFilter = t.constant("model/depthwise/kernel", 3, 3, 8, 1);
        String dw = t.g.node("model/depthwise/depthwise", "DepthwiseConv2dNative").input(act, dwFilter)
                .attr("T", DType.FLOAT32).attr("strides", new long[] {1, 1, 1, 1}).attr("padding", "SAME").done();
        String dwBias = t.op("model/depthwise/BiasAdd", "BiasAdd", dw, t.constant("model/depthwise/bias", 8));
        String dwRelu = t.op("model/depthwise/Relu", "Relu", dwBias);
        String sum = t.op("model/add/add", "AddV2", act, dwRelu);
        String pooled = t.g.node("model/average_pooling2d/AvgPool", "AvgPool").input(sum).attr("T", DType.FLOAT32)
                .attr("ksize", new long[] {1, 3, 3, 1}).attr("strides", new long[] {1, 2, 2, 1}).attr("padding", "SAME")
                .done();
        String axes = t.g.constant("model/global_average_pooling2d/Mean/reduction_indices", Tensor.vectorInts(1, 2));
        String gap = t.g.node("model/global_average_pooling2d/Mean", "Mean").input(pooled, axes).attr("T", DType.FLOAT32)
                .attr("Tidx", DType.INT32).attr("keep_dims", false).done();
        String logits = t.dense("model/dense", gap, 8, 3, null);
        t.op("model/dense/Softmax", "Softmax", logits);
        return t;
    }

    /**
     * A ResNeXt-style grouped convolution and a YOLO-style upsampling: image [B,6,6,8] -> Conv2D 3x3
     * SAME in 4 groups (filter depth 2) to 12 channels + bias + ReLU -> ResizeNearestNeighbor 2x with
     * half-pixel centers, output {@code model/up_sampling2d/resize} [B,12,12,12].
     */
    public static TestGraphs groupedConvUpsample(long seed) {
        TestGraphs t = new TestGraphs(seed);
        String x = t.input("image", 6, 6, 8);
        String conv = t.conv2d("model/conv", x, 8 / 4, 12, 3, 1, "SAME");
        String bias = t.op("model/conv/BiasAdd", "BiasAdd", conv, t.constant("model/conv/bias", 12));
        String relu = t.op("model/conv/Relu", "Relu", bias);
        t.resizeNearest("model/up_sampling2d/resize", relu, 12, 12, false, true);
        return t;
    }

    /** Two inputs a, b [B,6] and two outputs: relu(a + b) and tanh(a * b). */
    public static TestGraphs twoInTwoOut(long seed) {
        TestGraphs t = new TestGraphs(seed);
        String a = t.input("a", 6);
        String b = t.input("b", 6);
        t.op("sum_relu", "Relu", t.op("sum", "AddV2", a, b));
        t.op("product_tanh", "Tanh", t.op("product", "Mul", a, b));
        return t;
    }

    /** x[B,20] -> dense 16 relu -> dense 5 -> {@code head} (Softmax, Tanh, ...), output {@code dense_1/<head>}. */
    public static TestGraphs mlp(long seed, String head) {
        TestGraphs t = new TestGraphs(seed);
        String x = t.input("x", 20);
        String h = t.dense("dense", x, 20, 16, "Relu");
        String logits = t.dense("dense_1", h, 16, 5, null);
        t.op("dense_1/" + head, head, logits);
        return t;
    }

    /** A charCNN in miniature, lowered as Keras does: conv1d, relu, max-pool, flatten, dense, softmax. */
    public static TestGraphs charCnnMini(long seed) {
        TestGraphs t = new TestGraphs(seed);
        String x = t.input("input_1", 40, 12);
        String c1 = t.conv1d("sequential/conv1d", x, 12, 16, 7, 1, "VALID", "Relu");
        String p1 = t.maxPool1d("sequential/max_pooling1d", c1, 3);
        String c2 = t.conv1d("sequential/conv1d_1", p1, 16, 16, 3, 1, "VALID", "Relu");
        String flat = t.flatten("sequential/flatten", c2, 9 * 16);
        String d = t.dense("sequential/dense", flat, 9 * 16, 24, "Relu");
        String logits = t.dense("sequential/dense_1", d, 24, 4, null);
        t.op("sequential/dense_1/Softmax", "Softmax", logits);
        return t;
    }
}
