package io.nnport.frontend.tf.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.nnport.frontend.tf.TensorCodec;
import io.nnport.frontend.tf.proto.AttrValue;
import io.nnport.frontend.tf.testing.GraphDefBuilder;
import io.nnport.frontend.tf.testing.OneOpCase;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.kernels.testing.Tolerance;
import io.nnport.testing.RandomTensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every op of the {@link OpTable} against real TensorFlow: seeded random one-op graphs (random
 * shapes, odd sizes, attribute combinations) run in TensorFlow Java and in nnport's interpreter.
 * An op in the table without cases here fails, so a new op cannot skip conformance.
 */
class OpConformanceTest {
    private static final long SEED = 20261122L;
    /** Random cases per op: enough attribute combinations, still a quick suite. */
    private static final int CASES_PER_OP = 24;

    /** Builds one random case for an op: (random source, case number) -> case. {@link GraphSeeds} reads them too. */
    static final Map<String, BiFunction<RandomTensors, Integer, OneOpCase>> CASES = new LinkedHashMap<>();

    static {
        // Sources and passthroughs
        CASES.put("Placeholder", (r, i) -> unary("Identity", DType.FLOAT32, r.floats(dims(r, 0, 3)), Tolerance.EXACT, Map.of()));
        CASES.put("PlaceholderWithDefault", OpConformanceTest::placeholderWithDefault);
        CASES.put("Const", OpConformanceTest::constant);
        for (String op : List.of("Identity", "StopGradient", "Snapshot", "PreventGradient")) {
            CASES.put(op, (r, i) -> unary(op, DType.FLOAT32, r.floats(dims(r, 0, 4)), Tolerance.EXACT, Map.of()));
        }
        CASES.put("CheckNumerics", (r, i) -> unary("CheckNumerics", DType.FLOAT32, r.floats(dims(r, 1, 3)), Tolerance.EXACT,
                Map.of("message", "bad")));
        CASES.put("IdentityN", OpConformanceTest::identityN);
        CASES.put("NoOp", OpConformanceTest::noOp);
        // Convolution, pooling, dense
        CASES.put("Conv2D", (r, i) -> conv(r, "Conv2D"));
        CASES.put("DepthwiseConv2dNative", (r, i) -> conv(r, "DepthwiseConv2dNative"));
        CASES.put("Conv2DBackpropInput", (r, i) -> conv(r, "Conv2DBackpropInput"));
        CASES.put("MaxPool", (r, i) -> pool(r, "MaxPool"));
        CASES.put("AvgPool", (r, i) -> pool(r, "AvgPool"));
        CASES.put("MatMul", OpConformanceTest::matMul);
        CASES.put("BatchMatMul", (r, i) -> batchMatMul(r, "BatchMatMul"));
        CASES.put("BatchMatMulV2", (r, i) -> batchMatMul(r, "BatchMatMulV2"));
        CASES.put("BatchMatMulV3", (r, i) -> batchMatMul(r, "BatchMatMulV3"));
        CASES.put("BiasAdd", (r, i) -> biasAdd(r, "BiasAdd"));
        CASES.put("BiasAddV1", (r, i) -> biasAdd(r, "BiasAddV1"));
        CASES.put("FusedBatchNorm", (r, i) -> batchNorm(r, "FusedBatchNorm"));
        CASES.put("FusedBatchNormV2", (r, i) -> batchNorm(r, "FusedBatchNormV2"));
        CASES.put("FusedBatchNormV3", (r, i) -> batchNorm(r, "FusedBatchNormV3"));
        // Unary
        unaryNumeric("Relu", -2, 2);
        unaryNumeric("Relu6", -3, 9);
        // exp(x) - 1 loses relative accuracy near 0 in float32 (TensorFlow's side): absolute tier.
        unaryFloat("Elu", -4, 2, Tolerance.CLOSE);
        unaryFloat("Selu", -4, 2, Tolerance.CLOSE);
        unaryFloat("Sigmoid", -8, 8, Tolerance.ulps(4));
        unaryFloat("Tanh", -4, 4, Tolerance.ulps(4));
        unaryFloat("Softplus", -10, 10, Tolerance.ulps(4));
        unaryFloat("Softsign", -5, 5, Tolerance.CLOSE);
        unaryFloat("Rsqrt", 0.01, 50, Tolerance.ulps(2));
        unaryFloat("Sqrt", 0, 50, Tolerance.EXACT);
        unaryNumeric("Square", -10, 10);
        unaryFloat("Exp", -10, 10, Tolerance.ulps(4));
        unaryFloat("Log", 0.001, 100, Tolerance.ulps(4));
        unaryNumeric("Neg", -10, 10);
        unaryNumeric("Abs", -10, 10);
        unaryFloat("Floor", -10, 10, Tolerance.EXACT);
        unaryFloat("Ceil", -10, 10, Tolerance.EXACT);
        CASES.put("LeakyRelu", (r, i) -> unary("LeakyRelu", DType.FLOAT32, r.uniform(-3, 3, dims(r, 1, 4)), Tolerance.EXACT,
                Map.of("alpha", (float) r.pick(0.01, 0.2, 0.3).doubleValue())));
        CASES.put("LogicalNot", (r, i) -> unary("LogicalNot", null, r.bools(dims(r, 0, 3)), Tolerance.EXACT, Map.of()));
        CASES.put("Softmax", (r, i) -> unary("Softmax", DType.FLOAT32, r.uniform(-8, 8, dims(r, 1, 3)), Tolerance.APPROX, Map.of()));
        CASES.put("LogSoftmax", (r, i) -> unary("LogSoftmax", DType.FLOAT32, r.uniform(-8, 8, dims(r, 1, 3)), Tolerance.APPROX, Map.of()));
        // Binary
        binary("Add", null, Tolerance.EXACT);
        binary("AddV2", null, Tolerance.EXACT);
        binary("Sub", null, Tolerance.EXACT);
        binary("Mul", null, Tolerance.EXACT);
        binary("RealDiv", DType.FLOAT32, Tolerance.EXACT);
        binary("Maximum", null, Tolerance.EXACT);
        binary("Minimum", null, Tolerance.EXACT);
        binary("SquaredDifference", null, Tolerance.EXACT);
        binary("Less", DType.FLOAT32, Tolerance.EXACT);
        binary("LessEqual", DType.INT32, Tolerance.EXACT);
        binary("Greater", DType.FLOAT32, Tolerance.EXACT);
        binary("GreaterEqual", DType.INT64, Tolerance.EXACT);
        binary("Equal", DType.INT32, Tolerance.EXACT);
        binary("NotEqual", DType.INT32, Tolerance.EXACT);
        binary("LogicalAnd", DType.BOOL, Tolerance.EXACT);
        binary("LogicalOr", DType.BOOL, Tolerance.EXACT);
        CASES.put("AddN", OpConformanceTest::addN);
        // Reductions
        for (String op : List.of("Sum", "Mean", "Prod", "Max", "Min")) {
            CASES.put(op, (r, i) -> reduce(r, op));
        }
        CASES.put("ArgMax", (r, i) -> argReduce(r, "ArgMax"));
        CASES.put("ArgMin", (r, i) -> argReduce(r, "ArgMin"));
        // Shapes
        CASES.put("Reshape", OpConformanceTest::reshape);
        CASES.put("Squeeze", OpConformanceTest::squeeze);
        CASES.put("ExpandDims", OpConformanceTest::expandDims);
        CASES.put("Shape", (r, i) -> shapeOf(r, "Shape"));
        CASES.put("Size", (r, i) -> shapeOf(r, "Size"));
        CASES.put("Rank", (r, i) -> shapeOf(r, "Rank"));
        // Joining, splitting, moving, slicing
        CASES.put("ConcatV2", OpConformanceTest::concat);
        CASES.put("Pack", OpConformanceTest::pack);
        CASES.put("Unpack", OpConformanceTest::unpack);
        CASES.put("Split", OpConformanceTest::split);
        CASES.put("SplitV", OpConformanceTest::splitV);
        CASES.put("Transpose", OpConformanceTest::transpose);
        CASES.put("Tile", OpConformanceTest::tile);
        CASES.put("Pad", (r, i) -> pad(r, "Pad"));
        CASES.put("PadV2", (r, i) -> pad(r, "PadV2"));
        CASES.put("GatherV2", (r, i) -> gather(r, true));
        CASES.put("Gather", (r, i) -> gather(r, false));
        CASES.put("StridedSlice", OpConformanceTest::stridedSlice);
        CASES.put("Slice", OpConformanceTest::slice);
        // Types and generators
        CASES.put("Cast", OpConformanceTest::cast);
        CASES.put("Fill", OpConformanceTest::fill);
        CASES.put("Range", OpConformanceTest::range);
        CASES.put("ZerosLike", (r, i) -> unary("ZerosLike", DType.FLOAT32, r.floats(dims(r, 0, 3)), Tolerance.EXACT, Map.of()));
        CASES.put("OnesLike", (r, i) -> unary("OnesLike", DType.INT32, r.ints(DType.INT32, -5, 5, dims(r, 0, 3)), Tolerance.EXACT, Map.of()));
        CASES.put("ResizeBilinear", (r, i) -> resize(r, "ResizeBilinear"));
        CASES.put("ResizeNearestNeighbor", (r, i) -> resize(r, "ResizeNearestNeighbor"));
        // Conditionals and dead-branch random ops
        CASES.put("Switch", (r, i) -> cond(r, null));
        CASES.put("Merge", (r, i) -> cond(r, null));
        CASES.put("RandomUniform", (r, i) -> cond(r, "RandomUniform"));
        CASES.put("RandomStandardNormal", (r, i) -> cond(r, "RandomStandardNormal"));
        CASES.put("TruncatedNormal", (r, i) -> cond(r, "TruncatedNormal"));
    }

    @TestFactory
    Stream<DynamicTest> everySupportedOpMatchesTensorFlow() {
        return OpTable.supportedOps().stream().map(op -> dynamicTest(op, () -> {
            BiFunction<RandomTensors, Integer, OneOpCase> maker = CASES.get(op);
            assertTrue(maker != null, "op " + op + " is in the OpTable but has no conformance case");
            RandomTensors random = random(op);
            for (int i = 0; i < CASES_PER_OP; i++) {
                maker.apply(random, i).check();
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyConformanceCaseIsInTheOpTable() {
        return CASES.keySet().stream().map(op -> dynamicTest(op, () ->
                assertTrue(OpTable.lookup(op).isPresent(), op + " has cases but is not in the OpTable")));
    }

    /** The seeded random source of {@code op}'s cases. */
    static RandomTensors random(String op) {
        return new RandomTensors(SEED ^ op.hashCode());
    }

    // ---- shapes and small helpers

    /** A random shape of rank in [minRank, maxRank], dimensions 1..5. */
    private static int[] dims(RandomTensors r, int minRank, int maxRank) {
        int[] dims = new int[r.between(minRank, maxRank)];
        for (int d = 0; d < dims.length; d++) {
            dims[d] = r.between(1, 5);
        }
        return dims;
    }

    private static Tensor ints(int... values) {
        return Tensor.vectorInts(values);
    }

    private static String describe(String op, Object... parts) {
        StringBuilder text = new StringBuilder(op);
        for (Object part : parts) {
            text.append(' ').append(part instanceof int[] a ? Arrays.toString(a) : part instanceof long[] l ? Arrays.toString(l) : part);
        }
        return text.toString();
    }

    private static OneOpCase single(GraphDefBuilder g, String description, String fetch, Tolerance tolerance) {
        return new OneOpCase(description, g, List.of(fetch), tolerance);
    }

    /** Exact unary ops that accept integers: float32, int32 and int64 cases in turn. */
    private static void unaryNumeric(String op, int low, int high) {
        CASES.put(op, (r, i) -> {
            DType dtype = List.of(DType.FLOAT32, DType.INT32, DType.INT64).get(i % 3);
            Tensor x = dtype == DType.FLOAT32 ? r.uniform(low, high, dims(r, 0, 4)) : r.ints(dtype, low, high, dims(r, 0, 4));
            return unary(op, dtype, x, Tolerance.EXACT, Map.of());
        });
    }

    private static void unaryFloat(String op, double low, double high, Tolerance tolerance) {
        CASES.put(op, (r, i) -> unary(op, DType.FLOAT32, r.uniform(low, high, dims(r, 0, 4)), tolerance, Map.of()));
    }

    private static OneOpCase unary(String op, DType typeAttr, Tensor x, Tolerance tolerance, Map<String, Object> attrs) {
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("x", x);
        GraphDefBuilder.NodeBuilder node = g.node("y", op).input("x");
        if (typeAttr != null) {
            node.attr("T", typeAttr);
        }
        attrs.forEach((key, value) -> {
            if (value instanceof Float f) {
                node.attr(key, f);
            } else {
                node.attr(key, value.toString());
            }
        });
        node.done();
        return single(g, describe(op, x.shape(), attrs), "y", tolerance);
    }

    // ---- sources and passthroughs

    private static OneOpCase placeholderWithDefault(RandomTensors r, int i) {
        GraphDefBuilder g = new GraphDefBuilder();
        Tensor value = r.floats(dims(r, 1, 3));
        g.constant("default", value);
        g.node("p", "PlaceholderWithDefault").input("default").attr("dtype", DType.FLOAT32).attr("shape", value.shape()).done();
        g.node("y", "Identity").input("p").attr("T", DType.FLOAT32).done();
        return single(g, describe("PlaceholderWithDefault unfed", value.shape()), "y", Tolerance.EXACT);
    }

    private static OneOpCase constant(RandomTensors r, int i) {
        GraphDefBuilder g = new GraphDefBuilder();
        Tensor value = switch (i % 4) {
            case 0 -> r.floats(dims(r, 0, 3));
            case 1 -> r.ints(DType.INT32, -100, 100, dims(r, 0, 3));
            case 2 -> r.ints(DType.INT64, -100, 100, dims(r, 0, 3));
            default -> r.bools(dims(r, 0, 3));
        };
        g.constant("c", value);
        return single(g, describe("Const", value.dtype(), value.shape()), "c", Tolerance.EXACT);
    }

    private static OneOpCase identityN(RandomTensors r, int i) {
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("a", r.floats(dims(r, 0, 3)));
        g.input("b", r.ints(DType.INT32, 0, 9, dims(r, 0, 3)));
        AttrValue types = AttrValue.newBuilder().setList(AttrValue.ListValue.newBuilder()
                .addType(TensorCodec.dataTypeOf(DType.FLOAT32)).addType(TensorCodec.dataTypeOf(DType.INT32))).build();
        g.node("y", "IdentityN").input("a", "b").attr("T", types).done();
        return new OneOpCase("IdentityN", g, List.of("y", "y:1"), Tolerance.EXACT);
    }

    private static OneOpCase noOp(RandomTensors r, int i) {
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("x", r.floats(dims(r, 0, 3)));
        g.node("nothing", "NoOp").input("^x").done();
        g.node("y", "Identity").input("x", "^nothing").attr("T", DType.FLOAT32).done();
        return single(g, "NoOp as a control dependency", "y", Tolerance.EXACT);
    }

    // ---- convolution, pooling, dense

    private static OneOpCase conv(RandomTensors r, String op) {
        boolean depthwise = op.equals("DepthwiseConv2dNative");
        boolean transpose = op.equals("Conv2DBackpropInput");
        int batch = r.between(1, 2);
        int channels = r.between(1, 4);
        int kH = r.between(1, 4);
        int kW = r.between(1, 4);
        int strideH = r.between(1, 3);
        int strideW = r.between(1, 3);
        int dilationH = transpose ? 1 : r.pick(1, 1, 2);
        int dilationW = transpose ? 1 : r.pick(1, 1, 2);
        if (dilationH > 1 || dilationW > 1) {
            strideH = 1;
            strideW = 1;
        }
        int h = r.between((kH - 1) * dilationH + 1, 11);
        int w = r.between((kW - 1) * dilationW + 1, 11);
        String padding = op.equals("Conv2D") ? r.pick("SAME", "VALID", "EXPLICIT") : r.pick("SAME", "VALID");
        long[] explicit = {0, 0, r.between(0, 2), r.between(0, 2), r.between(0, 2), r.between(0, 2), 0, 0};
        int groups = op.equals("Conv2D") ? r.pick(1, 1, 2) : 1;
        int outC = r.between(1, 3) * groups;
        Tensor filter = r.floats(kH, kW, channels, outC);
        channels *= groups;
        GraphDefBuilder g = new GraphDefBuilder();
        String description = describe(op, "x", new int[] {batch, h, w, channels}, "filter", filter.shape(), padding,
                "groups", groups,
                "strides", new int[] {strideH, strideW}, "dilations", new int[] {dilationH, dilationW});
        if (transpose) {
            int outH = padding.equals("SAME") ? (h + strideH - 1) / strideH : (h - kH) / strideH + 1;
            int outW = padding.equals("SAME") ? (w + strideW - 1) / strideW : (w - kW) / strideW + 1;
            g.constant("sizes", ints(batch, h, w, channels));
            g.constant("filter", filter);
            g.input("dy", r.floats(batch, outH, outW, outC));
            g.node("y", op).input("sizes", "filter", "dy").attr("T", DType.FLOAT32)
                    .attr("strides", new long[] {1, strideH, strideW, 1}).attr("padding", padding).done();
        } else {
            g.input("x", r.floats(batch, h, w, channels));
            g.constant("filter", filter);
            GraphDefBuilder.NodeBuilder node = g.node("y", op).input("x", "filter").attr("T", DType.FLOAT32)
                    .attr("strides", new long[] {1, strideH, strideW, 1}).attr("padding", padding)
                    .attr("dilations", new long[] {1, dilationH, dilationW, 1});
            if (padding.equals("EXPLICIT")) {
                node.attr("explicit_paddings", explicit);
                description += " explicit_paddings " + Arrays.toString(explicit);
            }
            node.done();
        }
        return single(g, description, "y", Tolerance.APPROX);
    }

    private static OneOpCase pool(RandomTensors r, String op) {
        int kH = r.between(1, 3);
        int kW = r.between(1, 3);
        int h = r.between(kH, 10);
        int w = r.between(kW, 10);
        int[] x = {r.between(1, 2), h, w, r.between(1, 3)};
        long[] ksize = {1, kH, kW, 1};
        long[] strides = {1, r.between(1, 3), r.between(1, 3), 1};
        String padding = r.pick("SAME", "VALID");
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("x", r.floats(x));
        g.node("y", op).input("x").attr("T", DType.FLOAT32).attr("ksize", ksize).attr("strides", strides)
                .attr("padding", padding).done();
        return single(g, describe(op, x, "ksize", ksize, "strides", strides, padding), "y",
                op.equals("MaxPool") ? Tolerance.EXACT : Tolerance.CLOSE);
    }

    private static OneOpCase matMul(RandomTensors r, int i) {
        int m = r.between(1, 7);
        int k = r.between(1, 9);
        int n = r.between(1, 7);
        boolean ta = r.coin();
        boolean tb = r.coin();
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("a", ta ? r.floats(k, m) : r.floats(m, k));
        g.constant("b", tb ? r.floats(n, k) : r.floats(k, n));
        g.node("y", "MatMul").input("a", "b").attr("T", DType.FLOAT32).attr("transpose_a", ta).attr("transpose_b", tb).done();
        return single(g, describe("MatMul", m, k, n, "transpose_a", ta, "transpose_b", tb), "y", Tolerance.APPROX);
    }

    private static OneOpCase batchMatMul(RandomTensors r, String op) {
        int m = r.between(1, 5);
        int k = r.between(1, 6);
        int n = r.between(1, 5);
        boolean ax = r.coin();
        boolean ay = r.coin();
        int[] batch = dims(r, 1, 2);
        int[] batchA = batch.clone();
        int[] batchB = batch.clone();
        if (!op.equals("BatchMatMul")) {
            for (int d = 0; d < batch.length; d++) {
                if (r.coin()) {
                    (r.coin() ? batchA : batchB)[d] = 1;
                }
            }
            if (r.coin()) {
                batchB = Arrays.copyOfRange(batchB, 1, batchB.length);
            }
        }
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("a", r.floats(concat(batchA, ax ? new int[] {k, m} : new int[] {m, k})));
        g.input("b", r.floats(concat(batchB, ay ? new int[] {n, k} : new int[] {k, n})));
        GraphDefBuilder.NodeBuilder node = g.node("y", op).input("a", "b").attr("adj_x", ax).attr("adj_y", ay);
        if (op.equals("BatchMatMulV3")) {
            node.attr("Ta", DType.FLOAT32).attr("Tb", DType.FLOAT32).attr("Tout", DType.FLOAT32);
        } else {
            node.attr("T", DType.FLOAT32);
        }
        node.done();
        return single(g, describe(op, "batch", batchA, batchB, "m k n", m, k, n, "adj", ax, ay), "y", Tolerance.APPROX);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static OneOpCase biasAdd(RandomTensors r, String op) {
        int[] x = dims(r, 2, 4);
        boolean nchw = op.equals("BiasAdd") && x.length == 4 && r.coin();
        int channels = x[nchw ? 1 : x.length - 1];
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("x", r.floats(x));
        g.constant("bias", r.floats(channels));
        GraphDefBuilder.NodeBuilder node = g.node("y", op).input("x", "bias").attr("T", DType.FLOAT32);
        if (nchw) {
            node.attr("data_format", "NCHW");
        }
        node.done();
        return single(g, describe(op, x, nchw ? "NCHW" : "NHWC"), "y", Tolerance.EXACT);
    }

    private static OneOpCase batchNorm(RandomTensors r, String op) {
        int[] x = {r.between(1, 2), r.between(1, 5), r.between(1, 5), r.between(1, 4)};
        int c = x[3];
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("x", r.uniform(-3, 3, x));
        g.constant("scale", r.uniform(0.5, 2, c));
        g.constant("offset", r.floats(c));
        g.constant("mean", r.floats(c));
        g.constant("variance", r.uniform(0.1, 2, c));
        float epsilon = r.pick(1e-3f, 1e-5f, 0.01f);
        GraphDefBuilder.NodeBuilder node = g.node("y", op).input("x", "scale", "offset", "mean", "variance")
                .attr("T", DType.FLOAT32).attr("epsilon", epsilon).attr("is_training", false);
        if (!op.equals("FusedBatchNorm")) {
            node.attr("U", DType.FLOAT32);
        }
        node.done();
        return single(g, describe(op, x, "epsilon", epsilon), "y", Tolerance.APPROX);
    }

    // ---- binary

    /** Cases of a binary op on {@code fixedType}, or on float32, int32 and int64 in turn when null. */
    private static void binary(String op, DType fixedType, Tolerance tolerance) {
        CASES.put(op, (r, i) -> {
            DType dtype = fixedType != null ? fixedType : List.of(DType.FLOAT32, DType.INT32, DType.INT64).get(i % 3);
            int[] out = dims(r, 0, 4);
            int[][] shapes = new int[2][];
            for (int s = 0; s < 2; s++) {
                int drop = r.between(0, out.length);
                int[] shape = Arrays.copyOfRange(out, r.coin() ? 0 : drop, out.length);
                for (int d = 0; d < shape.length; d++) {
                    if (r.between(0, 3) == 0) {
                        shape[d] = 1;
                    }
                }
                shapes[s] = shape;
            }
            GraphDefBuilder g = new GraphDefBuilder();
            g.input("a", random(r, dtype, shapes[0]));
            g.input("b", op.equals("RealDiv") ? r.uniform(0.5, 3, shapes[1]) : random(r, dtype, shapes[1]));
            GraphDefBuilder.NodeBuilder node = g.node("y", op).input("a", "b");
            if (dtype != DType.BOOL) {
                node.attr("T", dtype);
            }
            node.done();
            return single(g, describe(op, dtype, shapes[0], shapes[1]), "y", tolerance);
        });
    }

    private static Tensor random(RandomTensors r, DType dtype, int... dims) {
        return switch (dtype) {
            case FLOAT32 -> r.uniform(-4, 4, dims);
            case BOOL -> r.bools(dims);
            default -> r.ints(dtype, -3, 4, dims);
        };
    }

    private static OneOpCase addN(RandomTensors r, int i) {
        int[] shape = dims(r, 0, 3);
        int n = r.between(1, 4);
        GraphDefBuilder g = new GraphDefBuilder();
        List<String> names = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            names.add(g.input("x" + k, r.floats(shape)));
        }
        g.node("y", "AddN").input(names.toArray(String[]::new)).attr("T", DType.FLOAT32).attr("N", n).done();
        return single(g, describe("AddN", n, shape), "y", Tolerance.CLOSE);
    }

    // ---- reductions

    private static OneOpCase reduce(RandomTensors r, String op) {
        int[] x = dims(r, 1, 4);
        List<Integer> axes = new ArrayList<>();
        for (int d = 0; d < x.length; d++) {
            if (r.coin()) {
                axes.add(r.coin() ? d : d - x.length);
            }
        }
        boolean keepDims = r.coin();
        boolean scalarAxis = axes.size() == 1 && r.coin();
        DType dtype = r.pick(DType.FLOAT32, DType.FLOAT32, DType.INT32, DType.INT64);
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("x", dtype == DType.FLOAT32 ? r.uniform(op.equals("Prod") ? 0.5 : -1, op.equals("Prod") ? 1.5 : 1, x)
                : r.ints(dtype, op.equals("Prod") ? -3 : -50, op.equals("Prod") ? 4 : 50, x));
        int[] axisValues = axes.stream().mapToInt(Integer::intValue).toArray();
        g.constant("axes", scalarAxis ? Tensor.scalarInt(axisValues[0]) : ints(axisValues));
        g.node("y", op).input("x", "axes").attr("T", dtype).attr("Tidx", DType.INT32).attr("keep_dims", keepDims).done();
        return single(g, describe(op, dtype, x, "axes", axisValues, "keep_dims", keepDims), "y",
                op.equals("Max") || op.equals("Min") || dtype != DType.FLOAT32 ? Tolerance.EXACT : Tolerance.APPROX);
    }

    private static OneOpCase argReduce(RandomTensors r, String op) {
        int[] x = dims(r, 1, 4);
        int axis = r.between(-x.length, x.length - 1);
        DType outType = r.pick(DType.INT32, DType.INT64);
        boolean ties = r.coin();
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("x", ties ? r.ints(DType.INT32, 0, 3, x) : r.floats(x));
        g.constant("axis", Tensor.scalarInt(axis));
        g.node("y", op).input("x", "axis").attr("T", ties ? DType.INT32 : DType.FLOAT32).attr("Tidx", DType.INT32)
                .attr("output_type", outType).done();
        return single(g, describe(op, x, "axis", axis, outType, ties ? "int32 with ties" : "float32"), "y", Tolerance.EXACT);
    }

    // ---- shapes

    private static OneOpCase reshape(RandomTensors r, int i) {
        int[] x = dims(r, 1, 4);
        int size = Arrays.stream(x).reduce(1, (a, b) -> a * b);
        List<Integer> target = new ArrayList<>();
        int rest = size;
        for (int f = 2; f <= rest; f++) {
            while (rest % f == 0 && r.coin()) {
                target.add(f);
                rest /= f;
            }
        }
        target.add(rest);
        java.util.Collections.shuffle(target, r.random());
        int[] shape = target.stream().mapToInt(Integer::intValue).toArray();
        if (r.coin()) {
            shape[r.between(0, shape.length - 1)] = -1;
        }
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("x", r.floats(x));
        g.constant("shape", ints(shape));
        g.node("y", "Reshape").input("x", "shape").attr("T", DType.FLOAT32).attr("Tshape", DType.INT32).done();
        return single(g, describe("Reshape", x, "to", shape), "y", Tolerance.EXACT);
    }

    private static OneOpCase squeeze(RandomTensors r, int i) {
        int[] x = dims(r, 1, 4);
        List<Long> axes = new ArrayList<>();
        for (int d = 0; d < x.length; d++) {
            if (r.coin()) {
                x[d] = 1;
                if (r.coin()) {
                    axes.add((long) (r.coin() ? d : d - x.length));
                }
            }
        }
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("x", r.floats(x));
        long[] squeezeDims = axes.stream().mapToLong(Long::longValue).toArray();
        g.node("y", "Squeeze").input("x").attr("T", DType.FLOAT32).attr("squeeze_dims", squeezeDims).done();
        return single(g, describe("Squeeze", x, "squeeze_dims", squeezeDims), "y", Tolerance.EXACT);
    }

    private static OneOpCase expandDims(RandomTensors r, int i) {
        int[] x = dims(r, 0, 3);
        int axis = r.between(-x.length - 1, x.length);
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("x", r.floats(x));
        g.constant("axis", Tensor.scalarInt(axis));
        g.node("y", "ExpandDims").input("x", "axis").attr("T", DType.FLOAT32).attr("Tdim", DType.INT32).done();
        return single(g, describe("ExpandDims", x, "axis", axis), "y", Tolerance.EXACT);
    }

    private static OneOpCase shapeOf(RandomTensors r, String op) {
        int[] x = dims(r, 0, 4);
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("x", r.floats(x));
        GraphDefBuilder.NodeBuilder node = g.node("y", op).input("x").attr("T", DType.FLOAT32);
        DType outType = r.pick(DType.INT32, DType.INT64);
        if (!op.equals("Rank")) {
            node.attr("out_type", outType);
        }
        node.done();
        return single(g, describe(op, x, outType), "y", Tolerance.EXACT);
    }

    // ---- joining, splitting, moving, slicing

    private static OneOpCase concat(RandomTensors r, int i) {
        int[] base = dims(r, 1, 4);
        int axis = r.between(-base.length, base.length - 1);
        int n = r.between(2, 4);
        GraphDefBuilder g = new GraphDefBuilder();
        List<String> names = new ArrayList<>();
        List<String> shapes = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int[] shape = base.clone();
            shape[axis < 0 ? axis + base.length : axis] = r.between(1, 4);
            names.add(g.input("x" + k, r.floats(shape)));
            shapes.add(Arrays.toString(shape));
        }
        g.constant("axis", Tensor.scalarInt(axis));
        names.add("axis");
        g.node("y", "ConcatV2").input(names.toArray(String[]::new)).attr("T", DType.FLOAT32).attr("N", n)
                .attr("Tidx", DType.INT32).done();
        return single(g, describe("ConcatV2", shapes, "axis", axis), "y", Tolerance.EXACT);
    }

    private static OneOpCase pack(RandomTensors r, int i) {
        int[] shape = dims(r, 0, 3);
        int axis = r.between(-shape.length - 1, shape.length);
        int n = r.between(1, 4);
        GraphDefBuilder g = new GraphDefBuilder();
        List<String> names = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            names.add(g.input("x" + k, r.ints(DType.INT32, -9, 9, shape)));
        }
        g.node("y", "Pack").input(names.toArray(String[]::new)).attr("T", DType.INT32).attr("N", n).attr("axis", axis).done();
        return single(g, describe("Pack", n, shape, "axis", axis), "y", Tolerance.EXACT);
    }

    private static OneOpCase unpack(RandomTensors r, int i) {
        int[] x = dims(r, 1, 4);
        int axis = r.between(-x.length, x.length - 1);
        int num = x[axis < 0 ? axis + x.length : axis];
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("x", r.floats(x));
        g.node("y", "Unpack").input("x").attr("T", DType.FLOAT32).attr("num", num).attr("axis", axis).done();
        return new OneOpCase(describe("Unpack", x, "axis", axis), g, outputs("y", num), Tolerance.EXACT);
    }

    private static List<String> outputs(String node, int count) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            names.add(k == 0 ? node : node + ":" + k);
        }
        return names;
    }

    private static OneOpCase split(RandomTensors r, int i) {
        int[] x = dims(r, 1, 4);
        int axis = r.between(-x.length, x.length - 1);
        int num = r.between(1, 3);
        x[axis < 0 ? axis + x.length : axis] = num * r.between(1, 3);
        GraphDefBuilder g = new GraphDefBuilder();
        g.constant("axis", Tensor.scalarInt(axis));
        g.input("x", r.floats(x));
        g.node("y", "Split").input("axis", "x").attr("T", DType.FLOAT32).attr("num_split", num).done();
        return new OneOpCase(describe("Split", x, "axis", axis, "num_split", num), g, outputs("y", num), Tolerance.EXACT);
    }

    private static OneOpCase splitV(RandomTensors r, int i) {
        int[] x = dims(r, 1, 3);
        int axis = r.between(-x.length, x.length - 1);
        int num = r.between(1, 3);
        int[] sizes = new int[num];
        int total = 0;
        for (int k = 0; k < num; k++) {
            sizes[k] = r.between(0, 3);
            total += sizes[k];
        }
        x[axis < 0 ? axis + x.length : axis] = total;
        if (r.coin()) {
            sizes[r.between(0, num - 1)] = -1;
        }
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("x", r.floats(x));
        g.constant("sizes", ints(sizes));
        g.constant("axis", Tensor.scalarInt(axis));
        g.node("y", "SplitV").input("x", "sizes", "axis").attr("T", DType.FLOAT32).attr("Tlen", DType.INT32)
                .attr("num_split", num).done();
        return new OneOpCase(describe("SplitV", x, "sizes", sizes, "axis", axis), g, outputs("y", num), Tolerance.EXACT);
    }

    private static OneOpCase transpose(RandomTensors r, int i) {
        int[] x = dims(r, 1, 5);
        List<Integer> perm = new ArrayList<>();
        for (int d = 0; d < x.length; d++) {
            perm.add(d);
        }
        java.util.Collections.shuffle(perm, r.random());
        int[] permValues = perm.stream().mapToInt(Integer::intValue).toArray();
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("x", r.floats(x));
        g.constant("perm", ints(permValues));
        g.node("y", "Transpose").input("x", "perm").attr("T", DType.FLOAT32).attr("Tperm", DType.INT32).done();
        return single(g, describe("Transpose", x, "perm", permValues), "y", Tolerance.EXACT);
    }

    private static OneOpCase tile(RandomTensors r, int i) {
        int[] x = dims(r, 1, 3);
        int[] multiples = new int[x.length];
        for (int d = 0; d < x.length; d++) {
            multiples[d] = r.between(1, 3);
        }
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("x", r.floats(x));
        g.constant("multiples", ints(multiples));
        g.node("y", "Tile").input("x", "multiples").attr("T", DType.FLOAT32).attr("Tmultiples", DType.INT32).done();
        return single(g, describe("Tile", x, "multiples", multiples), "y", Tolerance.EXACT);
    }

    private static OneOpCase pad(RandomTensors r, String op) {
        int[] x = dims(r, 1, 4);
        int[] paddings = new int[2 * x.length];
        for (int k = 0; k < paddings.length; k++) {
            paddings[k] = r.between(0, 2);
        }
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("x", r.floats(x));
        g.constant("paddings", Tensor.ofInts(Shape.of(x.length, 2), paddings));
        GraphDefBuilder.NodeBuilder node = g.node("y", op).input("x", "paddings");
        if (op.equals("PadV2")) {
            g.constant("value", Tensor.scalar(r.pick(-1.5f, 0f, 7f)));
            node.input("value");
        }
        node.attr("T", DType.FLOAT32).attr("Tpaddings", DType.INT32).done();
        return single(g, describe(op, x, "paddings", paddings), "y", Tolerance.EXACT);
    }

    private static OneOpCase gather(RandomTensors r, boolean v2) {
        int[] params = dims(r, 1, 3);
        int axis = v2 ? r.between(-params.length, params.length - 1) : 0;
        int limit = params[axis < 0 ? axis + params.length : axis];
        DType indexType = r.pick(DType.INT32, DType.INT64);
        Tensor indices = r.ints(indexType, 0, limit, dims(r, 0, 2));
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("params", r.floats(params));
        g.input("indices", indices);
        GraphDefBuilder.NodeBuilder node = g.node("y", v2 ? "GatherV2" : "Gather").input("params", "indices")
                .attr("Tparams", DType.FLOAT32).attr("Tindices", indexType);
        if (v2) {
            g.constant("axis", Tensor.scalarInt(axis));
            node.input("axis").attr("Taxis", DType.INT32).attr("batch_dims", 0L);
        }
        node.done();
        return single(g, describe(v2 ? "GatherV2" : "Gather", params, "indices", indices.shape(), "axis", axis), "y",
                Tolerance.EXACT);
    }

    private static OneOpCase stridedSlice(RandomTensors r, int i) {
        OneOpCase slice;
        do {
            slice = randomStridedSlice(r);
        } while (slice == null);
        return slice;
    }

    /** A random StridedSlice, or null when it indexes more dimensions than the input has. */
    private static OneOpCase randomStridedSlice(RandomTensors r) {
        int[] x = dims(r, 1, 4);
        int n = r.between(1, x.length + 1);
        int[] begin = new int[n];
        int[] end = new int[n];
        int[] strides = new int[n];
        long beginMask = 0;
        long endMask = 0;
        long ellipsisMask = 0;
        long newAxisMask = 0;
        long shrinkMask = 0;
        int ellipsisAt = r.between(0, 3) == 0 ? r.between(0, n - 1) : -1;
        for (int k = 0; k < n; k++) {
            strides[k] = r.pick(1, 1, 2, 3, -1, -2);
            begin[k] = r.between(-6, 6);
            end[k] = r.between(-6, 6);
            if (k == ellipsisAt) {
                ellipsisMask |= 1L << k;
                continue;
            }
            switch (r.between(0, 6)) {
                case 0 -> beginMask |= 1L << k;
                case 1 -> endMask |= 1L << k;
                case 2 -> newAxisMask |= 1L << k;
                case 3 -> {
                    shrinkMask |= 1L << k;
                    strides[k] = 1;
                    begin[k] = r.between(-1, 0);
                }
                default -> { }
            }
        }
        if (n - Long.bitCount(newAxisMask & ~ellipsisMask) - Long.bitCount(ellipsisMask) > x.length) {
            return null;
        }
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("x", r.floats(x));
        g.constant("begin", ints(begin));
        g.constant("end", ints(end));
        g.constant("strides", ints(strides));
        g.node("y", "StridedSlice").input("x", "begin", "end", "strides").attr("T", DType.FLOAT32).attr("Index", DType.INT32)
                .attr("begin_mask", beginMask).attr("end_mask", endMask).attr("ellipsis_mask", ellipsisMask)
                .attr("new_axis_mask", newAxisMask).attr("shrink_axis_mask", shrinkMask).done();
        return single(g, describe("StridedSlice", x, "begin", begin, "end", end, "strides", strides, "masks b/e/ell/new/shrink",
                beginMask, endMask, ellipsisMask, newAxisMask, shrinkMask), "y", Tolerance.EXACT);
    }

    private static OneOpCase slice(RandomTensors r, int i) {
        int[] x = dims(r, 1, 4);
        int[] begin = new int[x.length];
        int[] size = new int[x.length];
        for (int d = 0; d < x.length; d++) {
            begin[d] = r.between(0, x[d] - 1);
            size[d] = r.coin() ? -1 : r.between(0, x[d] - begin[d]);
        }
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("x", r.floats(x));
        g.constant("begin", ints(begin));
        g.constant("size", ints(size));
        g.node("y", "Slice").input("x", "begin", "size").attr("T", DType.FLOAT32).attr("Index", DType.INT32).done();
        return single(g, describe("Slice", x, "begin", begin, "size", size), "y", Tolerance.EXACT);
    }

    // ---- types and generators

    private static OneOpCase cast(RandomTensors r, int i) {
        DType[] types = {DType.FLOAT32, DType.INT32, DType.INT64, DType.BOOL};
        DType from = types[i % types.length];
        DType to = types[r.between(0, types.length - 1)];
        int[] x = dims(r, 0, 3);
        Tensor value = from == DType.FLOAT32 ? r.uniform(-20, 20, x) : random(r, from, x);
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("x", value);
        g.node("y", "Cast").input("x").attr("SrcT", from).attr("DstT", to).done();
        return single(g, describe("Cast", from, "to", to, x), "y", Tolerance.EXACT);
    }

    private static OneOpCase fill(RandomTensors r, int i) {
        int[] dims = dims(r, 0, 3);
        GraphDefBuilder g = new GraphDefBuilder();
        g.constant("dims", ints(dims));
        g.input("value", Tensor.scalar((float) r.random().nextGaussian()));
        g.node("y", "Fill").input("dims", "value").attr("T", DType.FLOAT32).attr("index_type", DType.INT32).done();
        return single(g, describe("Fill", dims), "y", Tolerance.EXACT);
    }

    private static OneOpCase range(RandomTensors r, int i) {
        boolean integer = r.coin();
        GraphDefBuilder g = new GraphDefBuilder();
        int start = r.between(-5, 5);
        int delta = r.pick(1, 2, 3, -1, -2);
        int limit = start + delta * r.between(0, 6) + (r.coin() ? 0 : Integer.signum(delta));
        if (integer) {
            g.constant("start", Tensor.scalarInt(start));
            g.constant("limit", Tensor.scalarInt(limit));
            g.constant("delta", Tensor.scalarInt(delta));
        } else {
            g.constant("start", Tensor.scalar(start * 0.5f));
            g.constant("limit", Tensor.scalar(limit * 0.5f + 0.1f * Integer.signum(delta)));
            g.constant("delta", Tensor.scalar(delta * 0.5f));
        }
        g.node("y", "Range").input("start", "limit", "delta").attr("Tidx", integer ? DType.INT32 : DType.FLOAT32).done();
        return single(g, describe("Range", integer ? "int32" : "float32", start, limit, delta), "y", Tolerance.EXACT);
    }

    private static OneOpCase resize(RandomTensors r, String op) {
        int[] x = {r.between(1, 2), r.between(1, 6), r.between(1, 6), r.between(1, 3)};
        int[] size = {r.between(1, 9), r.between(1, 9)};
        int mode = r.between(0, 2);
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("images", r.floats(x));
        g.constant("size", ints(size));
        g.node("y", op).input("images", "size").attr("T", DType.FLOAT32).attr("align_corners", mode == 1)
                .attr("half_pixel_centers", mode == 2).done();
        return single(g, describe(op, x, "to", size, mode == 1 ? "align_corners" : mode == 2 ? "half_pixel_centers" : "legacy"),
                "y", op.equals("ResizeBilinear") ? Tolerance.CLOSE : Tolerance.EXACT);
    }

    // ---- conditionals

    /**
     * A TF1 cond: {@code Switch(x, pred)}, the true branch adds 1 (and, with {@code randomOp}, adds
     * noise from that op, as dropout does), the false branch doubles, a Merge joins them. Random
     * ops are exercised only as the untaken branch (pred false), which is all nnport supports.
     */
    private static OneOpCase cond(RandomTensors r, String randomOp) {
        boolean pred = randomOp == null ? r.coin() : false;
        int[] x = dims(r, 1, 3);
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("x", r.floats(x));
        g.input("pred", Tensor.scalarBool(pred));
        g.node("switch", "Switch").input("x", "pred").attr("T", DType.FLOAT32).done();
        // As tf.cond does: branch constants hang on a pivot Identity of the branch's Switch output.
        g.node("pivot_true", "Identity").input("switch:1").attr("T", DType.FLOAT32).done();
        g.node("one", "Const").input("^pivot_true").attr("dtype", DType.FLOAT32).attr("value", Tensor.scalar(1f)).done();
        String trueBranch = g.node("plus_one", "Add").input("switch:1", "one").attr("T", DType.FLOAT32).done();
        if (randomOp != null) {
            g.node("noise_shape", "Shape").input("switch:1").attr("T", DType.FLOAT32).attr("out_type", DType.INT32).done();
            g.node("noise", randomOp).input("noise_shape").attr("T", DType.INT32).attr("dtype", DType.FLOAT32)
                    .attr("seed", 1L).attr("seed2", 2L).done();
            trueBranch = g.node("noisy", "Add").input("plus_one", "noise").attr("T", DType.FLOAT32).done();
        }
        g.node("doubled", "Add").input("switch", "switch").attr("T", DType.FLOAT32).done();
        g.node("merge", "Merge").input("doubled", trueBranch).attr("T", DType.FLOAT32).attr("N", 2L).done();
        return new OneOpCase(describe("Switch/Merge", x, "pred", pred, randomOp == null ? "" : "dead " + randomOp), g,
                List.of("merge", "merge:1"), Tolerance.EXACT);
    }
}
