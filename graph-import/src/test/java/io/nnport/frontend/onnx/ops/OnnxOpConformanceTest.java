package io.nnport.frontend.onnx.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.nnport.frontend.onnx.testing.ModelBuilder;
import io.nnport.frontend.onnx.testing.OnnxCase;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.kernels.testing.Tolerance;
import io.nnport.testing.RandomTensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every op of the {@link OnnxOpTable} against ONNX Runtime: seeded random one-op models (odd
 * sizes, each attribute form across opsets, a symbolic batch in every other case) run in ONNX
 * Runtime and, imported, in nnport's layer interpreter. An op in the table without cases fails.
 */
class OnnxOpConformanceTest {
    private static final long SEED = 20261203L;
    /** Random cases per op: every attribute form several times, still a quick suite. */
    private static final int CASES_PER_OP = 12;

    private static final Map<String, BiFunction<RandomTensors, Integer, OnnxCase>> CASES = new LinkedHashMap<>();

    static {
        CASES.put("Conv", OnnxOpConformanceTest::conv);
        CASES.put("ConvTranspose", OnnxOpConformanceTest::convTranspose);
        CASES.put("BatchNormalization", OnnxOpConformanceTest::batchNorm);
        CASES.put("InstanceNormalization", OnnxOpConformanceTest::instanceNorm);
        CASES.put("LayerNormalization", OnnxOpConformanceTest::layerNorm);
        CASES.put("MaxPool", (r, i) -> pool(r, i, "MaxPool"));
        CASES.put("AveragePool", (r, i) -> pool(r, i, "AveragePool"));
        CASES.put("GlobalAveragePool", (r, i) -> global(r, i, "GlobalAveragePool"));
        CASES.put("GlobalMaxPool", (r, i) -> global(r, i, "GlobalMaxPool"));
        CASES.put("Gemm", OnnxOpConformanceTest::gemm);
        CASES.put("MatMul", OnnxOpConformanceTest::matMul);
        // ONNX Runtime's sigmoid and tanh are fast approximations (MLAS), a few 1e-8 off the exact
        // value near 0 (the reference rounds the double result once): absolute tier, not ULPs.
        unary("Relu", -2, 2, Tolerance.EXACT, Map.of());
        CASES.put("LeakyRelu", (r, i) -> unaryCase(r, i, "LeakyRelu", -3, 3, Tolerance.EXACT,
                i % 2 == 0 ? Map.of() : Map.of("alpha", 0.2f)));
        CASES.put("PRelu", OnnxOpConformanceTest::prelu);
        unary("Elu", -4, 2, Tolerance.CLOSE, Map.of());
        unary("Selu", -4, 2, Tolerance.CLOSE, Map.of());
        unary("Sigmoid", -8, 8, Tolerance.CLOSE, Map.of());
        CASES.put("HardSigmoid", (r, i) -> unaryCase(r, i, "HardSigmoid", -5, 5, Tolerance.CLOSE,
                i % 2 == 0 ? Map.of() : Map.of("alpha", 0.3f, "beta", 0.4f)));
        CASES.put("HardSwish", (r, i) -> unaryCase(r, i, "HardSwish", 14, -5, 5, Tolerance.CLOSE, Map.of()));
        unary("Tanh", -4, 4, Tolerance.CLOSE, Map.of());
        unary("Softplus", -10, 10, Tolerance.ulps(4), Map.of());
        CASES.put("Mish", (r, i) -> unaryCase(r, i, "Mish", 18, -5, 5, Tolerance.CLOSE, Map.of()));
        CASES.put("Clip", OnnxOpConformanceTest::clip);
        unary("Sqrt", 0, 50, Tolerance.EXACT, Map.of());
        unary("Exp", -10, 10, Tolerance.ulps(4), Map.of());
        unary("Log", 0.001, 100, Tolerance.ulps(4), Map.of());
        unary("Neg", -10, 10, Tolerance.EXACT, Map.of());
        unary("Abs", -10, 10, Tolerance.EXACT, Map.of());
        unary("Floor", -10, 10, Tolerance.EXACT, Map.of());
        unary("Ceil", -10, 10, Tolerance.EXACT, Map.of());
        unary("Erf", -4, 4, Tolerance.CLOSE, Map.of());
        unary("Reciprocal", 0.5, 10, Tolerance.EXACT, Map.of());
        for (String op : List.of("Add", "Sub", "Mul", "Div")) {
            CASES.put(op, (r, i) -> binary(r, i, op));
        }
        CASES.put("Pow", OnnxOpConformanceTest::pow);
        for (String op : List.of("Max", "Min", "Sum", "Mean")) {
            CASES.put(op, (r, i) -> nary(r, i, op));
        }
        CASES.put("Equal", OnnxOpConformanceTest::equal);
        CASES.put("Not", (r, i) -> {
            Tensor x = r.bools(dims(r, 1, 4));
            return oneNode("Not", r.pick(9, 13), x, batch(i, x), List.of("x"), Map.of(), Map.of(), Tolerance.EXACT, x.shape());
        });
        CASES.put("Where", OnnxOpConformanceTest::where);
        CASES.put("Softmax", (r, i) -> softmax(r, i, "Softmax"));
        CASES.put("LogSoftmax", (r, i) -> softmax(r, i, "LogSoftmax"));
        for (String op : List.of("ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL2")) {
            CASES.put(op, (r, i) -> reduce(r, i, op));
        }
        CASES.put("ArgMax", OnnxOpConformanceTest::argMax);
        CASES.put("Flatten", OnnxOpConformanceTest::flatten);
        CASES.put("Reshape", OnnxOpConformanceTest::reshape);
        CASES.put("Squeeze", OnnxOpConformanceTest::squeeze);
        CASES.put("Unsqueeze", OnnxOpConformanceTest::unsqueeze);
        CASES.put("Transpose", OnnxOpConformanceTest::transpose);
        CASES.put("Concat", OnnxOpConformanceTest::concat);
        CASES.put("Split", OnnxOpConformanceTest::split);
        CASES.put("Slice", OnnxOpConformanceTest::slice);
        CASES.put("Pad", OnnxOpConformanceTest::pad);
        CASES.put("Tile", OnnxOpConformanceTest::tile);
        CASES.put("Expand", OnnxOpConformanceTest::expand);
        CASES.put("Gather", OnnxOpConformanceTest::gather);
        CASES.put("Cast", OnnxOpConformanceTest::cast);
        CASES.put("Resize", OnnxOpConformanceTest::resize);
        CASES.put("Upsample", OnnxOpConformanceTest::upsample);
        CASES.put("Shape", OnnxOpConformanceTest::shapeReshape);
        CASES.put("Constant", OnnxOpConformanceTest::constant);
        CASES.put("ConstantOfShape", OnnxOpConformanceTest::constantOfShape);
        CASES.put("Identity", (r, i) -> unaryCase(r, i, "Identity", -1, 1, Tolerance.EXACT, Map.of()));
        CASES.put("Dropout", (r, i) -> unaryCase(r, i, "Dropout", -1, 1, Tolerance.EXACT, Map.of()));
    }

    @TestFactory
    Stream<DynamicTest> everySupportedOpMatchesOnnxRuntime() {
        return OnnxOpTable.entries().keySet().stream().map(op -> dynamicTest(op, () -> {
            BiFunction<RandomTensors, Integer, OnnxCase> maker = CASES.get(op);
            assertTrue(maker != null, "op " + op + " is in the OnnxOpTable but has no conformance case");
            RandomTensors random = new RandomTensors(SEED ^ op.hashCode());
            for (int i = 0; i < CASES_PER_OP; i++) {
                maker.apply(random, i).check();
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyConformanceCaseIsInTheOpTable() {
        return CASES.keySet().stream().map(op -> dynamicTest(op, () ->
                assertTrue(OnnxOpTable.lookup(op) != null, op + " has cases but is not in the OnnxOpTable")));
    }

    // ---- helpers

    /** A random shape of rank in [minRank, maxRank], dimensions 1..5. */
    private static int[] dims(RandomTensors r, int minRank, int maxRank) {
        int[] dims = new int[r.between(minRank, maxRank)];
        for (int d = 0; d < dims.length; d++) {
            dims[d] = r.between(1, 5);
        }
        return dims;
    }

    /** Every other case declares dimension 0 symbolic (a dynamic batch), as PyTorch's dynamic_axes does. */
    private static String batch(int i, Tensor x) {
        return i % 2 == 1 && x.rank() > 0 ? "N" : null;
    }

    private static Tensor longs(long... values) {
        return Tensor.ofLongs(Shape.of(values.length), values);
    }

    private static String describe(String op, int opset, Object... parts) {
        StringBuilder text = new StringBuilder(op).append(" opset ").append(opset);
        for (Object part : parts) {
            text.append(' ').append(part instanceof int[] a ? Arrays.toString(a) : part instanceof long[] l ? Arrays.toString(l)
                    : part instanceof float[] f ? Arrays.toString(f) : part);
        }
        return text.toString();
    }

    /** A model with one input x, one node reading x and the named constant inputs, output y. */
    private static OnnxCase oneNode(String op, int opset, Tensor x, String batch, List<String> inputs, Map<String, Tensor> initializers,
            Map<String, Object> attributes, Tolerance tolerance, Object... description) {
        ModelBuilder m = new ModelBuilder(opset).input("x", x, batch);
        initializers.forEach(m::initializer);
        m.node(op, inputs, List.of("y"), attributes).output("y");
        return new OnnxCase(describe(op, opset, description), m, List.of("y"), tolerance);
    }

    private static void unary(String op, double low, double high, Tolerance tolerance, Map<String, Object> attributes) {
        CASES.put(op, (r, i) -> unaryCase(r, i, op, low, high, tolerance, attributes));
    }

    /** A unary op on a random tensor of rank 1 to 4. */
    private static OnnxCase unaryCase(RandomTensors r, int i, String op, double low, double high, Tolerance tolerance,
            Map<String, Object> attributes) {
        return unaryCase(r, i, op, 13, low, high, tolerance, attributes);
    }

    private static OnnxCase unaryCase(RandomTensors r, int i, String op, int opset, double low, double high, Tolerance tolerance,
            Map<String, Object> attributes) {
        Tensor x = r.uniform(low, high, dims(r, 1, 4));
        return oneNode(op, opset, x, batch(i, x), List.of("x"), Map.of(), attributes, tolerance, x.shape(), attributes);
    }

    // ---- convolution, normalization, pooling

    private static OnnxCase conv(RandomTensors r, int i) {
        boolean oneD = i % 4 == 3;
        int c = r.between(1, 4) * (i % 3 == 1 ? 2 : 1);
        int group = switch (i % 3) {
            case 1 -> 2;
            case 2 -> c;
            default -> 1;
        };
        int outPerGroup = r.between(1, 3);
        int out = group * outPerGroup;
        int kh = oneD ? 1 : r.between(1, 3);
        int kw = r.between(1, 3);
        int[] in = oneD ? new int[] {2, c, r.between(kw + 2, 9)} : new int[] {2, c, r.between(kh + 2, 8), r.between(kw + 2, 8)};
        Tensor x = r.floats(in);
        Tensor w = r.floats(oneD ? new int[] {out, c / group, kw} : new int[] {out, c / group, kh, kw});
        Map<String, Object> attrs = new LinkedHashMap<>();
        int n = oneD ? 1 : 2;
        attrs.put("group", (long) group);
        attrs.put("strides", fill(n, i % 4 == 0 ? Math.min(r.between(1, 2), Math.min(kh, kw)) : r.between(1, 2)));
        // ONNX Runtime refuses dilations with auto_pad SAME
        if (i % 4 != 0 && r.coin()) {
            attrs.put("dilations", fill(n, r.between(1, 2)));
        }
        switch (i % 4) {
            case 0 -> attrs.put("auto_pad", r.pick("SAME_UPPER", "SAME_LOWER", "VALID"));
            default -> {
                long[] pads = new long[2 * n];
                for (int p = 0; p < pads.length; p++) {
                    pads[p] = r.between(0, 1);
                }
                attrs.put("pads", pads);
            }
        }
        Map<String, Tensor> inits = new LinkedHashMap<>();
        inits.put("w", w);
        List<String> inputs = new ArrayList<>(List.of("x", "w"));
        if (r.coin()) {
            inits.put("b", r.floats(out));
            inputs.add("b");
        }
        return oneNode("Conv", r.pick(11, 13, 17), x, batch(i, x), inputs, inits, attrs, Tolerance.APPROX, x.shape(), w.shape(), attrs);
    }

    private static long[] fill(int n, long value) {
        long[] out = new long[n];
        Arrays.fill(out, value);
        return out;
    }

    private static OnnxCase convTranspose(RandomTensors r, int i) {
        int c = r.between(1, 3);
        int out = r.between(1, 3);
        int k = r.between(1, 3);
        Tensor x = r.floats(2, c, r.between(2, 5), r.between(2, 5));
        Tensor w = r.floats(c, out, k, k);
        Map<String, Object> attrs = new LinkedHashMap<>();
        int stride = r.between(1, 2);
        attrs.put("strides", fill(2, stride));
        switch (i % 3) {
            case 0 -> {
                if (k > 1) {
                    attrs.put("pads", new long[] {r.between(0, k - 1), 0, r.between(0, k - 1), 0});
                }
                if (stride > 1 && r.coin()) {
                    attrs.put("output_padding", new long[] {1, 0});
                }
            }
            case 1 -> {
                if (k >= stride) {
                    attrs.put("auto_pad", r.pick("SAME_UPPER", "SAME_LOWER"));
                }
            }
            default -> attrs.put("output_shape", new long[] {(x.shape().dim(2) - 1) * stride + k - (k > 1 ? 1 : 0),
                (x.shape().dim(3) - 1) * stride + k});
        }
        Map<String, Tensor> inits = new LinkedHashMap<>(Map.of("w", w));
        List<String> inputs = new ArrayList<>(List.of("x", "w"));
        if (r.coin()) {
            inits.put("b", r.floats(out));
            inputs.add("b");
        }
        return oneNode("ConvTranspose", 13, x, batch(i, x), inputs, inits, attrs, Tolerance.APPROX, x.shape(), w.shape(), attrs);
    }

    private static OnnxCase batchNorm(RandomTensors r, int i) {
        int c = r.between(1, 5);
        int[] shape = switch (i % 3) {
            case 0 -> new int[] {2, c};
            case 1 -> new int[] {2, c, r.between(1, 6)};
            default -> new int[] {2, c, r.between(1, 5), r.between(1, 5)};
        };
        Tensor x = r.floats(shape);
        Map<String, Tensor> inits = new LinkedHashMap<>();
        inits.put("scale", r.floats(c));
        inits.put("bias", r.floats(c));
        inits.put("mean", r.floats(c));
        inits.put("var", r.uniform(0.5, 2, c));
        Map<String, Object> attrs = i % 2 == 0 ? Map.of() : Map.of("epsilon", 1e-3f);
        return oneNode("BatchNormalization", r.pick(9, 14, 15), x, batch(i, x), List.of("x", "scale", "bias", "mean", "var"), inits,
                attrs, Tolerance.APPROX, x.shape(), attrs);
    }

    private static OnnxCase instanceNorm(RandomTensors r, int i) {
        int c = r.between(1, 4);
        Tensor x = i % 2 == 0 ? r.floats(2, c, r.between(2, 5), r.between(2, 5)) : r.floats(2, c, r.between(2, 7));
        Map<String, Tensor> inits = new LinkedHashMap<>();
        inits.put("scale", r.floats(c));
        inits.put("bias", r.floats(c));
        return oneNode("InstanceNormalization", 13, x, batch(i, x), List.of("x", "scale", "bias"), inits, Map.of(),
                Tolerance.APPROX, x.shape());
    }

    /** Over the last axis or the last two, scale of their shape, B present or not, epsilon default or set. */
    private static OnnxCase layerNorm(RandomTensors r, int i) {
        Tensor x = r.floats(2, r.between(1, 4), r.between(1, 6));
        long axis = i % 3 == 2 ? 1 : r.pick(-1L, 2L);
        int[] normalized = axis == 1 ? new int[] {x.shape().dim(1), x.shape().dim(2)} : new int[] {x.shape().dim(2)};
        Map<String, Tensor> inits = new LinkedHashMap<>();
        inits.put("scale", r.floats(normalized));
        List<String> inputs = new ArrayList<>(List.of("x", "scale"));
        if (i % 2 == 0) {
            inits.put("bias", r.floats(normalized));
            inputs.add("bias");
        }
        Map<String, Object> attrs = i % 4 < 2 ? Map.of("axis", axis) : Map.of("axis", axis, "epsilon", 1e-3f);
        return oneNode("LayerNormalization", 17, x, batch(i, x), inputs, inits, attrs, Tolerance.APPROX, x.shape(), attrs,
                inputs);
    }

    private static OnnxCase pool(RandomTensors r, int i, String op) {
        boolean oneD = i % 4 == 3;
        int n = oneD ? 1 : 2;
        int k = r.between(1, 3);
        // auto_pad SAME with a stride above the window means negative pads, which the importer refuses
        int stride = i % 4 == 0 ? r.between(1, k) : r.between(1, 3);
        Tensor x = oneD ? r.floats(2, r.between(1, 3), r.between(k + 1, 9)) : r.floats(2, r.between(1, 3), r.between(k + 1, 8), r.between(k + 1, 8));
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("kernel_shape", fill(n, k));
        attrs.put("strides", fill(n, stride));
        int opset = r.pick(9, 11, 13);
        switch (i % 4) {
            case 0 -> attrs.put("auto_pad", r.pick("SAME_UPPER", "VALID"));
            case 1 -> {
                if (k > 1) {
                    attrs.put("pads", fill(2 * n, 1));
                }
                if (op.equals("AveragePool")) {
                    attrs.put("count_include_pad", 1L);
                }
            }
            case 2 -> {
                if (op.equals("MaxPool")) {
                    attrs.put("ceil_mode", 1L);
                    opset = 13;
                    if (k > 1) {
                        attrs.put("pads", fill(2 * n, r.between(0, 1)));
                    }
                }
            }
            default -> { }
        }
        return oneNode(op, opset, x, batch(i, x), List.of("x"), Map.of(), attrs,
                op.equals("MaxPool") ? Tolerance.EXACT : Tolerance.APPROX, x.shape(), attrs);
    }

    private static OnnxCase global(RandomTensors r, int i, String op) {
        Tensor x = i % 3 == 2 ? r.floats(2, r.between(1, 4), r.between(1, 7)) : r.floats(2, r.between(1, 4), r.between(1, 5), r.between(1, 5));
        return oneNode(op, 13, x, batch(i, x), List.of("x"), Map.of(), Map.of(), op.contains("Max") ? Tolerance.EXACT : Tolerance.APPROX,
                x.shape());
    }

    private static OnnxCase gemm(RandomTensors r, int i) {
        int m = r.between(1, 4);
        int k = r.between(1, 6);
        int n = r.between(1, 6);
        boolean transB = r.coin();
        Tensor x = r.floats(m, k);
        Map<String, Object> attrs = new LinkedHashMap<>();
        if (transB) {
            attrs.put("transB", 1L);
        }
        if (i % 3 == 1) {
            attrs.put("alpha", 0.5f);
            attrs.put("beta", 2f);
        }
        Map<String, Tensor> inits = new LinkedHashMap<>();
        inits.put("b", transB ? r.floats(n, k) : r.floats(k, n));
        List<String> inputs = new ArrayList<>(List.of("x", "b"));
        int opset = r.pick(9, 11, 13);
        if (i % 4 != 3 || opset < 11) {
            inits.put("c", i % 4 == 2 ? r.floats(m, n) : r.floats(n));
            inputs.add("c");
        }
        return oneNode("Gemm", opset, x, i % 4 == 2 ? null : batch(i, x), inputs, inits, attrs, Tolerance.APPROX,
                x.shape(), attrs, inputs);
    }

    private static OnnxCase matMul(RandomTensors r, int i) {
        int k = r.between(1, 6);
        int n = r.between(1, 6);
        Tensor x = i % 2 == 0 ? r.floats(r.between(1, 4), k) : r.floats(2, r.between(1, 4), k);
        return oneNode("MatMul", 13, x, batch(i, x), List.of("x", "w"), Map.of("w", r.floats(k, n)), Map.of(), Tolerance.APPROX,
                x.shape());
    }

    // ---- elementwise

    private static OnnxCase prelu(RandomTensors r, int i) {
        int c = r.between(1, 4);
        Tensor x = r.uniform(-3, 3, 2, c, r.between(1, 4), r.between(1, 4));
        Tensor slope = i % 2 == 0 ? r.floats(c, 1, 1) : r.floats(1);
        return oneNode("PRelu", 13, x, batch(i, x), List.of("x", "slope"), Map.of("slope", slope), Map.of(), Tolerance.EXACT,
                x.shape(), slope.shape());
    }

    private static OnnxCase clip(RandomTensors r, int i) {
        Tensor x = r.uniform(-8, 8, dims(r, 1, 4));
        float[][] bounds = {{0, 6}, {0, Float.POSITIVE_INFINITY}, {-1, 1}, {-0.5f, Float.POSITIVE_INFINITY}};
        float[] b = bounds[i % 4];
        if (i % 2 == 0) {
            Map<String, Object> attrs = new LinkedHashMap<>();
            attrs.put("min", b[0]);
            if (b[1] != Float.POSITIVE_INFINITY) {
                attrs.put("max", b[1]);
            }
            return oneNode("Clip", 9, x, batch(i, x), List.of("x"), Map.of(), attrs, Tolerance.EXACT, x.shape(), attrs);
        }
        Map<String, Tensor> inits = new LinkedHashMap<>();
        inits.put("lo", Tensor.scalar(b[0]));
        List<String> inputs = new ArrayList<>(List.of("x", "lo"));
        if (b[1] != Float.POSITIVE_INFINITY) {
            inits.put("hi", Tensor.scalar(b[1]));
            inputs.add("hi");
        }
        return oneNode("Clip", 13, x, batch(i, x), inputs, inits, Map.of(), Tolerance.EXACT, x.shape(), Arrays.toString(b));
    }

    /** A binary op: both runtime, or a constant second/first operand of lower rank; a conv first in every fourth case (channels last). */
    private static OnnxCase binary(RandomTensors r, int i, String op) {
        int[] shape = dims(r, 1, 4);
        Tensor x = op.equals("Div") ? r.uniform(-5, 5, shape) : r.floats(shape);
        int[] other = Arrays.copyOfRange(shape, r.between(0, shape.length - 1), shape.length);
        if (other.length > 0 && r.coin()) {
            other[0] = 1;
        }
        Tensor y = op.equals("Div") ? r.uniform(0.5, 4, other) : r.floats(other);
        ModelBuilder m = new ModelBuilder(13).input("x", x, batch(i, x));
        String first = "x";
        if (i % 4 == 3 && shape.length == 4) {
            m.initializer("w", r.floats(shape[1], shape[1], 1, 1));
            m.node("Conv", List.of("x", "w"), List.of("c"), Map.of());
            first = "c";
        }
        List<String> inputs = switch (i % 3) {
            case 0 -> List.of(first, "y");
            case 1 -> List.of("y", first);
            default -> List.of(first, first);
        };
        m.initializer("y", y);
        m.node(op, inputs, List.of("z"), Map.of()).output("z");
        return new OnnxCase(describe(op, 13, x.shape(), y.shape(), inputs), m, List.of("z"), Tolerance.APPROX);
    }

    private static OnnxCase pow(RandomTensors r, int i) {
        Tensor x = r.uniform(0.1, 4, dims(r, 1, 3));
        float e = r.pick(2f, 0.5f, 1f);
        return oneNode("Pow", 13, x, batch(i, x), List.of("x", "e"), Map.of("e", Tensor.scalar(e)), Map.of(), Tolerance.CLOSE, x.shape(), e);
    }

    private static OnnxCase nary(RandomTensors r, int i, String op) {
        int[] shape = dims(r, 1, 3);
        Tensor x = r.floats(shape);
        int count = r.between(1, 3);
        ModelBuilder m = new ModelBuilder(13).input("x", x, batch(i, x));
        List<String> inputs = new ArrayList<>(List.of("x"));
        for (int k = 1; k < count; k++) {
            m.initializer("c" + k, r.floats(Arrays.copyOfRange(shape, r.between(0, shape.length), shape.length)));
            inputs.add("c" + k);
        }
        m.node(op, inputs, List.of("y"), Map.of()).output("y");
        return new OnnxCase(describe(op, 13, x.shape(), count), m, List.of("y"), Tolerance.CLOSE);
    }

    // ---- reductions and softmax

    /** Both axis semantics (opset 11: flattened from axis; 13: one axis), after a Conv in every third case (channels last). */
    private static OnnxCase softmax(RandomTensors r, int i, String op) {
        Tensor x = r.uniform(-5, 5, i % 3 == 2 ? new int[] {2, 3, r.between(1, 4), r.between(1, 4)} : dims(r, 2, 4));
        int opset = i % 2 == 0 ? 11 : 13;
        Map<String, Object> attrs = new HashMap<>();
        if (i % 3 != 1) {
            attrs.put("axis", (long) r.between(1, x.rank() - 1));
        } else {
            attrs.put("axis", -1L);
        }
        ModelBuilder m = new ModelBuilder(opset).input("x", x, batch(i, x));
        String in = "x";
        if (i % 3 == 2) {
            m.initializer("w", r.floats(3, 3, 1, 1));
            m.node("Conv", List.of("x", "w"), List.of("c"), Map.of());
            in = "c";
        }
        m.node(op, List.of(in), List.of("y"), attrs).output("y");
        return new OnnxCase(describe(op, opset, x.shape(), attrs, in), m, List.of("y"), Tolerance.APPROX);
    }

    private static OnnxCase reduce(RandomTensors r, int i, String op) {
        Tensor x = r.uniform(0.5, 1.5, dims(r, 2, 4));
        long[] axes = {r.between(1, x.rank() - 1)};
        long keep = i % 2;
        int opset = i % 3 == 0 ? 18 : 13;
        Map<String, Object> attrs = new HashMap<>(Map.of("keepdims", keep));
        boolean input = opset >= 18 || op.equals("ReduceSum");
        if (!input) {
            attrs.put("axes", axes);
        }
        return oneNode(op, opset, x, batch(i, x), input ? List.of("x", "axes") : List.of("x"), input ? Map.of("axes", longs(axes)) : Map.of(),
                attrs, Tolerance.APPROX, x.shape(), axes, keep);
    }

    // ---- shapes

    /** Flatten after a Conv (channels last inside), read by a Gemm (weights permuted) or not. */
    private static OnnxCase flatten(RandomTensors r, int i) {
        int c = r.between(1, 3);
        Tensor x = r.floats(2, c, r.between(1, 4), r.between(1, 4));
        ModelBuilder m = new ModelBuilder(13).input("x", x, batch(i, x));
        m.initializer("w", r.floats(c, c, 1, 1));
        m.node("Conv", List.of("x", "w"), List.of("c"), Map.of());
        m.node("Flatten", List.of("c"), List.of("f"), Map.of());
        List<String> outputs = new ArrayList<>(List.of("f"));
        if (i % 2 == 0) {
            int features = c * x.shape().dim(2) * x.shape().dim(3);
            m.initializer("g", r.floats(features, 3));
            m.node("Gemm", List.of("f", "g"), List.of("y"), Map.of());
            // also an output itself in every fourth case: then the Gemm cannot take the flattened value as it is
            outputs = i % 4 == 0 ? List.of("f", "y") : List.of("y");
        }
        outputs.forEach(m::output);
        return new OnnxCase(describe("Flatten", 13, x.shape(), outputs), m, outputs, Tolerance.APPROX);
    }

    /**
     * Reshape with 0 and -1 (also -1 as the batch: PyTorch's view(-1, K)), and the dynamic batch
     * through PyTorch's view(x.size(0), -1) chain: Shape, Gather, Unsqueeze, Concat.
     */
    private static OnnxCase reshape(RandomTensors r, int i) {
        Tensor x = r.floats(2, r.between(1, 4), r.between(1, 4), r.between(1, 3));
        ModelBuilder m = new ModelBuilder(13).input("x", x, batch(i, x));
        if (i % 3 == 2) {
            m.node("Shape", List.of("x"), List.of("s"), Map.of());
            m.initializer("zero", Tensor.ofLongs(Shape.scalar(), 0));
            m.node("Gather", List.of("s", "zero"), List.of("n"), Map.of());
            m.initializer("axes", longs(0));
            m.node("Unsqueeze", List.of("n", "axes"), List.of("n1"), Map.of());
            m.initializer("rest", longs(-1));
            m.node("Concat", List.of("n1", "rest"), List.of("shape"), Map.of("axis", 0L));
        } else {
            int perSample = x.shape().dim(1) * x.shape().dim(2) * x.shape().dim(3);
            m.initializer("shape", i % 3 == 0 ? longs(0, -1) : i % 4 == 1 ? longs(-1, perSample) : longs(0, x.shape().dim(1), -1));
        }
        m.node("Reshape", List.of("x", "shape"), List.of("y"), Map.of()).output("y");
        return new OnnxCase(describe("Reshape", 13, x.shape(), i % 3), m, List.of("y"), Tolerance.EXACT);
    }

    private static OnnxCase squeeze(RandomTensors r, int i) {
        Tensor x = r.floats(2, 1, r.between(1, 4), 1);
        int opset = i % 2 == 0 ? 11 : 13;
        long[] axes = i % 3 == 0 ? new long[] {1} : new long[] {1, -1};
        return opset < 13 ? oneNode("Squeeze", opset, x, batch(i, x), List.of("x"), Map.of(), Map.of("axes", axes), Tolerance.EXACT, axes)
                : oneNode("Squeeze", opset, x, batch(i, x), List.of("x", "axes"), Map.of("axes", longs(axes)), Map.of(), Tolerance.EXACT, axes);
    }

    private static OnnxCase unsqueeze(RandomTensors r, int i) {
        Tensor x = r.floats(2, r.between(1, 4));
        int opset = i % 2 == 0 ? 11 : 13;
        long[] axes = i % 3 == 0 ? new long[] {1} : new long[] {2, -1};
        return opset < 13 ? oneNode("Unsqueeze", opset, x, batch(i, x), List.of("x"), Map.of(), Map.of("axes", axes), Tolerance.EXACT, axes)
                : oneNode("Unsqueeze", opset, x, batch(i, x), List.of("x", "axes"), Map.of("axes", longs(axes)), Map.of(), Tolerance.EXACT, axes);
    }

    /** Transpose on a channels-first input or after a Conv (channels last inside: composed, or cancelled for NCHW to NHWC). */
    private static OnnxCase transpose(RandomTensors r, int i) {
        int c = r.between(1, 3);
        Tensor x = r.floats(2, c, r.between(1, 4), r.between(1, 4));
        long[] perm = r.pick(new long[] {0, 2, 3, 1}, new long[] {0, 1, 3, 2}, new long[] {0, 3, 1, 2});
        ModelBuilder m = new ModelBuilder(13).input("x", x, batch(i, x));
        String in = "x";
        if (i % 2 == 0) {
            m.initializer("w", r.floats(c, c, 1, 1));
            m.node("Conv", List.of("x", "w"), List.of("c"), Map.of());
            in = "c";
        }
        m.node("Transpose", List.of(in), List.of("y"), Map.of("perm", perm)).output("y");
        return new OnnxCase(describe("Transpose", 13, x.shape(), perm, in), m, List.of("y"), Tolerance.APPROX);
    }

    /** Concat of an input with a constant, or of two conv branches (channels last, axis remapped). */
    private static OnnxCase concat(RandomTensors r, int i) {
        int c = r.between(1, 3);
        Tensor x = r.floats(2, c, r.between(1, 4), r.between(1, 4));
        ModelBuilder m = new ModelBuilder(13).input("x", x, batch(i, x));
        long axis = i % 2 == 0 ? 1 : r.pick(2L, 3L, -1L);
        m.initializer("w", r.floats(c, c, 1, 1));
        m.node("Conv", List.of("x", "w"), List.of("a"), Map.of());
        m.node("Relu", List.of("x"), List.of("b"), Map.of());
        m.node("Concat", List.of("a", "b", "a"), List.of("y"), Map.of("axis", axis)).output("y");
        return new OnnxCase(describe("Concat", 13, x.shape(), axis), m, List.of("y"), Tolerance.APPROX);
    }

    private static OnnxCase split(RandomTensors r, int i) {
        Tensor x = r.floats(2, 4, r.between(1, 4), 3);
        int opset = i % 2 == 0 ? 11 : 13;
        long axis = r.pick(1L, -1L);
        long[] sizes = axis == 1 ? new long[] {1, 3} : new long[] {2, 1};
        ModelBuilder m = new ModelBuilder(opset).input("x", x, batch(i, x));
        m.initializer("w", r.floats(4, 4, 1, 1));
        m.node("Conv", List.of("x", "w"), List.of("c"), Map.of());
        Map<String, Object> attrs = new HashMap<>(Map.of("axis", axis));
        List<String> inputs = new ArrayList<>(List.of("c"));
        if (i % 3 != 2) {
            if (opset < 13) {
                attrs.put("split", sizes);
            } else {
                m.initializer("split", longs(sizes));
                inputs.add("split");
            }
        }
        int parts = i % 3 == 2 ? (axis == 1 ? 2 : 3) : 2;
        List<String> outputs = parts == 2 ? List.of("y0", "y1") : List.of("y0", "y1", "y2");
        m.node("Split", inputs, outputs, attrs);
        outputs.forEach(m::output);
        return new OnnxCase(describe("Split", opset, x.shape(), axis, attrs), m, outputs, Tolerance.APPROX);
    }

    private static OnnxCase slice(RandomTensors r, int i) {
        Tensor x = r.floats(2, r.between(2, 5), r.between(2, 5), r.between(2, 5));
        long[] starts = {r.between(0, 1), -r.between(1, 2)};
        long[] ends = {r.pick(Long.MAX_VALUE, 5L, -1L), r.pick(-4L, Long.MIN_VALUE, 0L)};
        long[] axes = {r.pick(1L, 2L), r.pick(3L, -1L)};
        long[] steps = {1, -1};
        if (i % 3 == 0) {
            return oneNode("Slice", 9, x, batch(i, x), List.of("x"), Map.of(),
                    Map.of("starts", new long[] {starts[0]}, "ends", new long[] {ends[0]}, "axes", new long[] {axes[0]}),
                    Tolerance.EXACT, starts[0], ends[0], axes[0]);
        }
        ModelBuilder m = new ModelBuilder(13).input("x", x, batch(i, x));
        String in = "x";
        if (i % 3 == 1) {
            m.initializer("w", r.floats(x.shape().dim(1), x.shape().dim(1), 1, 1));
            m.node("Conv", List.of("x", "w"), List.of("c"), Map.of());
            in = "c";
        }
        m.initializer("starts", longs(starts)).initializer("ends", longs(ends)).initializer("axes", longs(axes)).initializer("steps", longs(steps));
        m.node("Slice", List.of(in, "starts", "ends", "axes", "steps"), List.of("y"), Map.of()).output("y");
        return new OnnxCase(describe("Slice", 13, x.shape(), starts, ends, axes, steps, in), m, List.of("y"), Tolerance.APPROX);
    }

    private static OnnxCase pad(RandomTensors r, int i) {
        Tensor x = r.floats(2, r.between(1, 3), r.between(1, 4), r.between(1, 4));
        long[] pads = {0, r.between(0, 1), r.between(0, 2), r.between(0, 2), 0, r.between(0, 1), r.between(0, 2), r.between(0, 2)};
        float value = r.pick(0f, 1.5f);
        String mode = List.of("constant", "reflect", "edge").get(i % 3);
        if (mode.equals("reflect")) {
            x = r.floats(2, r.between(2, 3), r.between(3, 5), r.between(3, 5));
        }
        if (i % 2 == 0) {
            return oneNode("Pad", 9, x, batch(i, x), List.of("x"), Map.of(), Map.of("pads", pads, "value", value, "mode", mode),
                    Tolerance.EXACT, pads, value, mode);
        }
        ModelBuilder m = new ModelBuilder(13).input("x", x, batch(i, x));
        m.initializer("w", r.floats(x.shape().dim(1), x.shape().dim(1), 1, 1));
        m.node("Conv", List.of("x", "w"), List.of("c"), Map.of());
        m.initializer("pads", longs(pads)).initializer("value", Tensor.scalar(value));
        m.node("Pad", List.of("c", "pads", "value"), List.of("y"), Map.of("mode", mode)).output("y");
        return new OnnxCase(describe("Pad", 13, x.shape(), pads, value, mode), m, List.of("y"), Tolerance.APPROX);
    }

    private static OnnxCase tile(RandomTensors r, int i) {
        Tensor x = r.floats(2, r.between(1, 3), r.between(1, 3));
        long[] repeats = {1, r.between(1, 3), r.between(1, 3)};
        return oneNode("Tile", 13, x, batch(i, x), List.of("x", "repeats"), Map.of("repeats", longs(repeats)), Map.of(), Tolerance.EXACT,
                x.shape(), repeats);
    }

    private static OnnxCase expand(RandomTensors r, int i) {
        Tensor x = r.floats(2, 1, r.between(1, 3));
        long[] shape = i % 2 == 0 ? new long[] {2, 3, x.shape().dim(2)} : new long[] {2, 3};
        if (i % 2 == 1) {
            x = r.floats(2, 1);
        }
        return oneNode("Expand", 13, x, null, List.of("x", "shape"), Map.of("shape", longs(shape)), Map.of(), Tolerance.EXACT,
                x.shape(), shape);
    }

    /** int64 (token ids against padding), bool or float operands, a constant or runtime second operand that broadcasts. */
    private static OnnxCase equal(RandomTensors r, int i) {
        int[] shape = dims(r, 2, 3);
        int[] row = {shape[shape.length - 1]};
        Tensor x;
        Tensor other;
        switch (i % 3) {
            case 0 -> {
                x = r.ints(DType.INT64, 0, 3, shape);
                other = Tensor.ofLongs(Shape.scalar(), 0);
            }
            case 1 -> {
                x = r.bools(shape);
                other = r.bools(row);
            }
            default -> {
                x = r.ints(DType.FLOAT32, -2, 2, shape);
                other = r.ints(DType.FLOAT32, -2, 2, row);
            }
        }
        int opset = r.pick(11, 13, 19);
        if (r.coin()) {
            return oneNode("Equal", opset, x, batch(i, x), List.of("x", "other"), Map.of("other", other), Map.of(), Tolerance.EXACT,
                    x.shape(), other);
        }
        ModelBuilder m = new ModelBuilder(opset).input("x", x, batch(i, x)).input("other", other)
                .node("Equal", List.of("x", "other"), List.of("y"), Map.of()).output("y");
        return new OnnxCase(describe("Equal", opset, x.shape(), "runtime", other.shape()), m, List.of("y"), Tolerance.EXACT);
    }

    /** A runtime bool condition choosing between float or int64 constants that broadcast (an attention mask's -inf and 0). */
    private static OnnxCase where(RandomTensors r, int i) {
        int[] shape = dims(r, 2, 4);
        Tensor condition = r.bools(shape);
        boolean floats = i % 3 != 2;
        Tensor whenTrue = floats ? (i % 3 == 0 ? Tensor.scalar(Float.NEGATIVE_INFINITY) : r.floats(shape[shape.length - 1]))
                : r.ints(DType.INT64, -5, 5, shape[shape.length - 1]);
        Tensor whenFalse = floats ? r.floats(shape) : Tensor.ofLongs(Shape.scalar(), 7);
        Map<String, Tensor> inits = new LinkedHashMap<>();
        inits.put("a", whenTrue);
        inits.put("b", whenFalse);
        return oneNode("Where", r.pick(9, 16), condition, batch(i, condition), List.of("x", "a", "b"), inits, Map.of(),
                Tolerance.EXACT, condition.shape(), whenTrue.shape(), whenFalse.dtype());
    }

    /** Axis 0 (fixed batch only), 1 or -1; keepdims default, 0 or 1; select_last_index 0 spelled out at opset 13. */
    private static OnnxCase argMax(RandomTensors r, int i) {
        Tensor x = r.floats(dims(r, 2, 3));
        String batch = batch(i, x);
        long axis = batch == null ? r.pick(0L, 1L, -1L) : r.pick(1L, -1L);
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("axis", axis);
        if (i % 3 != 0) {
            attrs.put("keepdims", (long) (i % 3 - 1));
        }
        int opset = r.pick(11, 13);
        if (opset == 13 && r.coin()) {
            attrs.put("select_last_index", 0L);
        }
        return oneNode("ArgMax", opset, x, batch, List.of("x"), Map.of(), attrs, Tolerance.EXACT, x.shape(), attrs);
    }

    private static OnnxCase gather(RandomTensors r, int i) {
        Tensor x = r.floats(2, r.between(2, 5), r.between(1, 4));
        long axis = r.pick(1L, 2L, -1L);
        int dim = x.shape().dim((int) (axis < 0 ? axis + 3 : axis));
        Tensor indices = i % 2 == 0 ? Tensor.ofLongs(Shape.scalar(), -1) : longs(0, dim - 1, 0);
        return oneNode("Gather", 13, x, batch(i, x), List.of("x", "idx"), Map.of("idx", indices), Map.of("axis", axis), Tolerance.EXACT,
                x.shape(), axis, indices);
    }

    private static OnnxCase cast(RandomTensors r, int i) {
        Tensor x = r.uniform(-5, 5, dims(r, 1, 3));
        long to = r.pick(6L, 7L, 1L);
        return oneNode("Cast", 13, x, batch(i, x), List.of("x"), Map.of(), Map.of("to", to), Tolerance.EXACT, x.shape(), to);
    }

    private static OnnxCase resize(RandomTensors r, int i) {
        Tensor x = r.floats(2, r.between(1, 3), r.between(1, 4), r.between(1, 4));
        String[][] modes = {{"nearest", "asymmetric", "floor"}, {"linear", "half_pixel", ""}, {"linear", "align_corners", ""},
            {"linear", "asymmetric", ""}, {"linear", "pytorch_half_pixel", ""}};
        String[] mode = modes[i % modes.length];
        Map<String, Object> attrs = new HashMap<>(Map.of("mode", mode[0], "coordinate_transformation_mode", mode[1]));
        if (!mode[2].isEmpty()) {
            attrs.put("nearest_mode", mode[2]);
        }
        ModelBuilder m = new ModelBuilder(13).input("x", x, batch(i, x));
        if (i % 2 == 0) {
            m.initializer("scales", Tensor.ofFloats(Shape.of(4), 1, 1, 2, r.pick(1f, 2f, 3f)));
            m.node("Resize", List.of("x", "", "scales"), List.of("y"), attrs);
        } else {
            m.initializer("sizes", longs(2, x.shape().dim(1), r.between(2, 6), r.between(2, 6)));
            m.node("Resize", List.of("x", "", "", "sizes"), List.of("y"), attrs);
        }
        m.output("y");
        return new OnnxCase(describe("Resize", 13, x.shape(), attrs, i % 2), m, List.of("y"), Tolerance.APPROX);
    }

    private static OnnxCase upsample(RandomTensors r, int i) {
        Tensor x = r.floats(2, r.between(1, 3), r.between(1, 4), r.between(1, 4));
        float[] scales = {1, 1, 2, r.pick(1f, 2f)};
        String mode = i % 2 == 0 ? "nearest" : "linear";
        if (i % 3 == 0) {
            return oneNode("Upsample", 7, x, batch(i, x), List.of("x"), Map.of(), Map.of("mode", mode, "scales", scales),
                    Tolerance.APPROX, x.shape(), mode);
        }
        return oneNode("Upsample", 9, x, batch(i, x), List.of("x", "scales"), Map.of("scales", Tensor.ofFloats(Shape.of(4), scales)),
                Map.of("mode", mode), Tolerance.APPROX, x.shape(), mode);
    }

    /** Shape folded into a Reshape target (and Shape's own output, a constant, with a static batch). */
    private static OnnxCase shapeReshape(RandomTensors r, int i) {
        Tensor x = r.floats(2, r.between(1, 4), r.between(1, 4));
        ModelBuilder m = new ModelBuilder(i % 2 == 0 ? 13 : 15).input("x", x, batch(i, x));
        m.node("Shape", List.of("x"), List.of("s"), Map.of());
        m.node("Reshape", List.of("x", "s"), List.of("y"), Map.of()).output("y");
        return new OnnxCase(describe("Shape", 13, x.shape()), m, List.of("y"), Tolerance.EXACT);
    }

    private static OnnxCase constant(RandomTensors r, int i) {
        Tensor x = r.floats(2, 3);
        ModelBuilder m = new ModelBuilder(13).input("x", x, batch(i, x));
        Map<String, Object> attrs = switch (i % 3) {
            case 0 -> Map.of("value", r.floats(3));
            case 1 -> Map.of("value_floats", new float[] {1.5f, -2f, 0.25f});
            default -> Map.of("value_float", 0.75f);
        };
        m.node("Constant", List.of(), List.of("c"), attrs);
        m.node("Add", List.of("x", "c"), List.of("y"), Map.of()).output("y");
        return new OnnxCase(describe("Constant", 13, attrs.keySet()), m, List.of("y"), Tolerance.EXACT);
    }

    private static OnnxCase constantOfShape(RandomTensors r, int i) {
        Tensor x = r.floats(2, r.between(1, 4));
        ModelBuilder m = new ModelBuilder(13).input("x", x);
        m.initializer("shape", longs(2, x.shape().dim(1)));
        Map<String, Object> attrs = i % 2 == 0 ? Map.of() : Map.of("value", Tensor.ofFloats(Shape.of(1), 2.5f));
        m.node("ConstantOfShape", List.of("shape"), List.of("c"), attrs);
        m.node("Add", List.of("x", "c"), List.of("y"), Map.of()).output("y");
        return new OnnxCase(describe("ConstantOfShape", 13, x.shape(), attrs.keySet()), m, List.of("y"), Tolerance.EXACT);
    }
}
