package io.nnport.frontend.onnx.ops;

import io.nnport.frontend.onnx.OnnxNode;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.eval.Axes;
import io.nnport.ir.eval.Rearrangements;
import io.nnport.ir.layers.Activation;
import io.nnport.ir.layers.BatchMatMulLayer;
import io.nnport.ir.layers.BatchNormLayer;
import io.nnport.ir.layers.BinaryLayer;
import io.nnport.ir.layers.ConvLayer;
import io.nnport.ir.layers.DenseLayer;
import io.nnport.ir.layers.DepthwiseConv2DLayer;
import io.nnport.ir.layers.Epilogue;
import io.nnport.ir.layers.LayerNormLayer;
import io.nnport.ir.layers.GlobalPoolLayer;
import io.nnport.ir.layers.PadLayer;
import io.nnport.ir.layers.Padding;
import io.nnport.ir.layers.PoolLayer;
import io.nnport.ir.layers.ReduceLayer;
import io.nnport.ir.layers.TransposedConv2DLayer;
import io.nnport.ir.layers.UnaryLayer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Convolutions, normalizations, pooling and products. Their spatial operands are channels last
 * (the core's layout); weights are transposed once here, at import (OIHW to HWIO).
 */
final class NetworkRules {
    private NetworkRules() {}

    /**
     * The window of one spatial axis: pads before and after, and the output length. From
     * {@code auto_pad} (NOTSET with {@code pads}, VALID, SAME_UPPER, SAME_LOWER; all opsets) and
     * {@code ceil_mode} (pooling, opset 10 on; a last window must start inside the input or its
     * leading pad).
     */
    record Window(int before, int after, int out) {}

    static List<Window> windows(OnnxNode node, int[] in, int[] kernel, int[] stride, int[] dilation, boolean ceil) {
        String autoPad = node.stringAttr("auto_pad", "NOTSET");
        int n = in.length;
        long[] pads = node.intsAttr("pads", new long[2 * n]);
        if (pads.length != 2 * n) {
            throw node.error("pads has " + pads.length + " values for " + n + " spatial axes");
        }
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int effective = (kernel[i] - 1) * dilation[i] + 1;
            int before;
            int after;
            int out;
            switch (autoPad) {
                case "VALID" -> {
                    before = 0;
                    after = 0;
                    out = Math.floorDiv(in[i] - effective, stride[i]) + 1;
                }
                case "SAME_UPPER", "SAME_LOWER" -> {
                    out = Math.floorDiv(in[i] + stride[i] - 1, stride[i]);
                    // ONNX does not clamp this at 0 (ONNX Runtime crops the input when it is negative,
                    // which only a stride larger than the window can cause); the core's windows never crop
                    int total = (out - 1) * stride[i] + effective - in[i];
                    if (total < 0) {
                        throw node.error("auto_pad " + autoPad + " with stride " + stride[i] + " larger than the window "
                                + effective + " crops the input (negative pads), which is not supported");
                    }
                    before = autoPad.equals("SAME_UPPER") ? total / 2 : total - total / 2;
                    after = total - before;
                }
                case "NOTSET" -> {
                    before = Math.toIntExact(pads[i]);
                    after = Math.toIntExact(pads[i + n]);
                    if (before < 0 || after < 0) {
                        throw node.error("negative pads are not supported");
                    }
                    int span = in[i] + before + after - effective;
                    out = (ceil ? Math.floorDiv(span + stride[i] - 1, stride[i]) : Math.floorDiv(span, stride[i])) + 1;
                    if (ceil && (out - 1) * stride[i] >= in[i] + before) {
                        out--;
                    }
                }
                default -> throw node.error("auto_pad " + autoPad + " is not one of NOTSET, VALID, SAME_UPPER, SAME_LOWER");
            }
            if (out <= 0) {
                throw node.error("the window does not fit the input (" + in[i] + " wide, kernel " + kernel[i] + ")");
            }
            windows.add(new Window(before, after, out));
        }
        return windows;
    }

    private static int[] ints(OnnxNode node, String attribute, int n, int otherwise) {
        long[] values = node.intsAttr(attribute, null);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = values == null ? otherwise : Math.toIntExact(values[i]);
        }
        if (values != null && values.length != n) {
            throw node.error(attribute + " has " + values.length + " values for " + n + " spatial axes");
        }
        return out;
    }

    /** The spatial sizes of a channels-first operand of rank n + 2. */
    private static int[] spatial(Operand x) {
        int[] dims = x.logicalShape().dims();
        return Arrays.copyOfRange(dims, 2, dims.length);
    }

    private static Padding padding(List<Window> w) {
        boolean none = w.stream().allMatch(x -> x.before() == 0 && x.after() == 0);
        if (none) {
            return Padding.VALID;
        }
        return w.size() == 2 ? new Padding(Padding.Mode.EXPLICIT, w.get(0).before(), w.get(0).after(), w.get(1).before(), w.get(1).after())
                : new Padding(Padding.Mode.EXPLICIT, 0, 0, w.get(0).before(), w.get(0).after());
    }

    /**
     * Conv (opset 1 on; the attributes have not changed): W {@code [O, C/group, k...]} constant,
     * optional bias B {@code [O]}; 1-D and 2-D; {@code group} = C with one filter channel is
     * depthwise; strides, dilations, pads, auto_pad.
     */
    static void conv(OnnxNode node, Lowerer l) {
        Operand x = l.in(node, 0);
        Tensor w = l.constant(node, 1, "weight");
        int n = w.rank() - 2;
        if (n != 1 && n != 2 || x.rank() != n + 2) {
            throw node.error("only 1-D and 2-D convolutions are supported; weight " + w.shape() + ", input " + x.logicalShape());
        }
        int[] kernel = Arrays.copyOfRange(w.shape().dims(), 2, n + 2);
        int[] stride = ints(node, "strides", n, 1);
        int[] dilation = ints(node, "dilations", n, 1);
        Padding padding = padding(windows(node, spatial(x), kernel, stride, dilation, false));
        long group = node.intAttr("group", 1);
        int channels = x.logicalShape().dim(1);
        Epilogue epilogue = node.hasInput(2) ? Epilogue.NONE.plusBias(l.constant(node, 2, "bias")) : Epilogue.NONE;
        int outChannels = w.shape().dim(0);
        if (n == 2 && group == channels && group > 1 && w.shape().dim(1) == 1) {
            Tensor hwio = Rearrangements.transpose(w, new long[] {2, 3, 1, 0});
            Tensor filter = hwio.reshape(Shape.of(kernel[0], kernel[1], channels, outChannels / channels));
            l.emit(node, new DepthwiseConv2DLayer(filter, stride[0], stride[1], dilation[0], dilation[1], padding, epilogue),
                    List.of(x), true);
            return;
        }
        if (channels != group * w.shape().dim(1)) {
            throw node.error("input has " + channels + " channels, weight " + w.shape() + " with group " + group + " expects "
                    + group * w.shape().dim(1));
        }
        Tensor filter = Rearrangements.transpose(w, n == 2 ? new long[] {2, 3, 1, 0} : new long[] {2, 1, 0});
        ConvLayer layer = n == 2
                ? new ConvLayer(filter, stride[0], stride[1], dilation[0], dilation[1], padding, epilogue)
                : new ConvLayer(filter, 1, stride[0], 1, dilation[0], padding, epilogue);
        l.emit(node, layer, List.of(x), true);
    }

    /**
     * ConvTranspose, 2-D, group 1: W {@code [C_in, C_out, kH, kW]}, optional bias; strides,
     * dilations, output_padding, and pads either explicit or derived as the spec defines: from
     * {@code output_shape} when given, or from auto_pad SAME_UPPER / SAME_LOWER (output
     * {@code in * stride}). Grouped transposed convolutions are refused.
     */
    static void convTranspose(OnnxNode node, Lowerer l) {
        Operand x = l.in(node, 0);
        Tensor w = l.constant(node, 1, "weight");
        if (w.rank() != 4 || x.rank() != 4) {
            throw node.error("only 2-D transposed convolutions are supported");
        }
        if (node.intAttr("group", 1) != 1) {
            throw node.error("grouped transposed convolutions are not supported");
        }
        int[] kernel = {w.shape().dim(2), w.shape().dim(3)};
        int[] stride = ints(node, "strides", 2, 1);
        int[] dilation = ints(node, "dilations", 2, 1);
        int[] outputPadding = ints(node, "output_padding", 2, 0);
        String autoPad = node.stringAttr("auto_pad", "NOTSET");
        long[] outputShape = node.intsAttr("output_shape", null);
        int[] in = spatial(x);
        int[] head = new int[2];
        int[] tail = new int[2];
        int[] out = new int[2];
        long[] pads = node.intsAttr("pads", new long[4]);
        for (int i = 0; i < 2; i++) {
            int full = stride[i] * (in[i] - 1) + outputPadding[i] + (kernel[i] - 1) * dilation[i] + 1;
            boolean same = autoPad.startsWith("SAME");
            if (outputShape != null || same) {
                out[i] = outputShape != null ? Math.toIntExact(outputShape[outputShape.length - 2 + i]) : in[i] * stride[i];
                int total = full - out[i];
                if (total < 0) {
                    throw node.error("output_shape " + out[i] + " is larger than the full transposed convolution " + full);
                }
                head[i] = autoPad.equals("SAME_UPPER") ? total / 2 : total - total / 2;
                tail[i] = total - head[i];
            } else {
                head[i] = autoPad.equals("VALID") ? 0 : Math.toIntExact(pads[i]);
                tail[i] = autoPad.equals("VALID") ? 0 : Math.toIntExact(pads[i + 2]);
                out[i] = full - head[i] - tail[i];
            }
        }
        Padding padding = head[0] + head[1] + tail[0] + tail[1] == 0 ? Padding.VALID
                : new Padding(Padding.Mode.EXPLICIT, head[0], tail[0], head[1], tail[1]);
        Tensor filter = Rearrangements.transpose(w, new long[] {2, 3, 1, 0});
        Epilogue epilogue = node.hasInput(2) ? Epilogue.NONE.plusBias(l.constant(node, 2, "bias")) : Epilogue.NONE;
        l.emit(node, new TransposedConv2DLayer(filter, out[0], out[1], stride[0], stride[1], dilation[0], dilation[1],
                padding, epilogue), List.of(x), true);
    }

    /**
     * BatchNormalization (inference): scale, B, mean and var constants folded to a per-channel
     * scale and shift; epsilon default 1e-5. training_mode 1 (opset 14 on) is refused.
     */
    static void batchNorm(OnnxNode node, Lowerer l) {
        if (node.intAttr("training_mode", 0) != 0) {
            throw node.error("training_mode is not supported (export the model in eval mode)");
        }
        Operand x = l.in(node, 0);
        Tensor gamma = l.constant(node, 1, "scale");
        Tensor beta = l.constant(node, 2, "B");
        Tensor mean = l.constant(node, 3, "mean");
        Tensor var = l.constant(node, 4, "var");
        double epsilon = node.floatAttr("epsilon", 1e-5f);
        int c = gamma.size();
        float[] scale = new float[c];
        float[] shift = new float[c];
        for (int i = 0; i < c; i++) {
            double s = gamma.getDouble(i) / Math.sqrt(var.getDouble(i) + epsilon);
            scale[i] = (float) s;
            shift[i] = (float) (beta.getDouble(i) - mean.getDouble(i) * s);
        }
        Epilogue epilogue = new Epilogue(Tensor.ofFloats(Shape.of(c), scale), Tensor.ofFloats(Shape.of(c), shift),
                Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Activation.NONE, 0f);
        l.emit(node, new BatchNormLayer(epilogue), List.of(x), x.rank() >= 3);
    }

    /**
     * InstanceNormalization: per sample and channel, {@code (x - mean) / sqrt(var + epsilon)} over
     * the spatial axes, then scale and B; decomposed into reductions and elementwise layers.
     */
    static void instanceNorm(OnnxNode node, Lowerer l) {
        Operand x = l.in(node, 0);
        if (x.rank() < 3) {
            throw node.error("InstanceNormalization needs an input of rank 3 or more");
        }
        Tensor gamma = l.constant(node, 1, "scale");
        Tensor beta = l.constant(node, 2, "B");
        List<Integer> axes = new ArrayList<>();
        for (int a = 1; a < x.rank() - 1; a++) {
            axes.add(a);
        }
        Operand mean = l.emitStep(node, "mean", new ReduceLayer(ReduceLayer.Kind.MEAN, axes, true), List.of(x), true);
        Operand centered = l.emitStep(node, "centered", BinaryLayer.of(BinaryLayer.Op.SUB), List.of(x, mean), true);
        Operand squared = l.emitStep(node, "squared", new UnaryLayer(Activation.SQUARE, 0f), List.of(centered), true);
        Operand var = l.emitStep(node, "var", new ReduceLayer(ReduceLayer.Kind.MEAN, axes, true), List.of(squared), true);
        Operand shifted = l.emitStep(node, "epsilon", new BinaryLayer(BinaryLayer.Op.ADD,
                Tensor.scalar(node.floatAttr("epsilon", 1e-5f)), false), List.of(var), true);
        Operand inverse = l.emitStep(node, "rsqrt", new UnaryLayer(Activation.RSQRT, 0f), List.of(shifted), true);
        Operand normalized = l.emitStep(node, "normalized", BinaryLayer.of(BinaryLayer.Op.MUL), List.of(centered, inverse), true);
        Epilogue affine = new Epilogue(Tensor.ofFloats(Shape.of(gamma.size()), gamma.floats()),
                Tensor.ofFloats(Shape.of(beta.size()), beta.floats()), Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY,
                Activation.NONE, 0f);
        l.emit(node, new BatchNormLayer(affine), List.of(normalized), true);
    }

    /**
     * LayerNormalization (opset 17): over the axes from {@code axis} (default -1) on, epsilon
     * (default 1e-5), a constant Scale and optional B; one LayerNorm on the input in ONNX's order.
     * stash_type only sets the precision of the statistics, which the core computes in double.
     * Refused: the Mean and InvStdDev outputs (training only), normalizing the batch axis.
     */
    static void layerNorm(OnnxNode node, Lowerer l) {
        if (node.outputs().size() > 1 && node.outputs().subList(1, node.outputs().size()).stream().anyMatch(o -> !o.isEmpty())) {
            throw node.error("the Mean and InvStdDev outputs are not supported");
        }
        Operand x = l.in(node, 0);
        int axis = Axes.normalize(node.intAttr("axis", -1), x.rank());
        Tensor scale = l.constant(node, 1, "Scale");
        Tensor bias = node.hasInput(2) ? l.constant(node, 2, "B") : null;
        Operand input = x instanceof Operand.Runtime r && r.channelsLast() ? l.inOnnxOrder(r) : x;
        l.emit(node, new LayerNormLayer(axis, node.floatAttr("epsilon", 1e-5f), scale, bias), List.of(input), false);
    }

    /**
     * MaxPool and AveragePool, 1-D and 2-D: kernel_shape, strides, pads, auto_pad, ceil_mode
     * (opset 10 on), count_include_pad (AveragePool). The core's pool takes SAME or VALID windows:
     * pads that are TensorFlow's SAME stay SAME; other pads become a Pad layer first (-inf for max,
     * 0 for an average that counts them). Refused: dilations, storage_order 1, the Indices output,
     * an average over pads it must not count that are not SAME, ceil_mode windows that an average
     * would count wrongly.
     */
    static OnnxOpTable.Rule pool(PoolLayer.Kind kind) {
        return (node, l) -> {
            Operand x = l.in(node, 0);
            int n = x.rank() - 2;
            if (n != 1 && n != 2) {
                throw node.error("only 1-D and 2-D pooling is supported, input " + x.logicalShape());
            }
            if (node.outputs().size() > 1 && !node.outputs().get(1).isEmpty()) {
                throw node.error("the Indices output is not supported");
            }
            int[] kernel = ints(node, "kernel_shape", n, 1);
            int[] stride = ints(node, "strides", n, 1);
            for (int d : ints(node, "dilations", n, 1)) {
                if (d != 1) {
                    throw node.error("dilated pooling is not supported");
                }
            }
            if (node.intAttr("storage_order", 0) != 0) {
                throw node.error("storage_order 1 is not supported");
            }
            int[] in = spatial(x);
            boolean ceil = node.intAttr("ceil_mode", 0) != 0;
            List<Window> windows = windows(node, in, kernel, stride, ones(n), ceil);
            boolean countPads = node.intAttr("count_include_pad", 0) != 0;
            boolean padded = false;
            boolean same = true;
            int[] extra = new int[n];
            for (int i = 0; i < n; i++) {
                Window w = windows.get(i);
                extra[i] = Math.max(0, (w.out() - 1) * stride[i] + kernel[i] - (in[i] + w.before() + w.after()));
                padded |= w.before() + w.after() + extra[i] != 0;
                int sameOut = Math.floorDiv(in[i] + stride[i] - 1, stride[i]);
                int total = Math.max((sameOut - 1) * stride[i] + kernel[i] - in[i], 0);
                same &= w.out() == sameOut && w.before() == total / 2 && w.after() == total - total / 2 && extra[i] == 0;
            }
            Padding.Mode mode;
            Operand input = x;
            if (!padded) {
                mode = Padding.Mode.VALID;
            } else if (same && (kind == PoolLayer.Kind.MAX || !countPads)) {
                mode = Padding.Mode.SAME;
            } else if (kind == PoolLayer.Kind.MAX || countPads && Arrays.stream(extra).allMatch(e -> e == 0)) {
                List<Integer> before = new ArrayList<>(List.of(0));
                List<Integer> after = new ArrayList<>(List.of(0));
                for (int i = 0; i < n; i++) {
                    before.add(windows.get(i).before());
                    after.add(windows.get(i).after() + extra[i]);
                }
                before.add(0);
                after.add(0);
                double fill = kind == PoolLayer.Kind.MAX ? Double.NEGATIVE_INFINITY : 0;
                input = l.emitStep(node, "pad", new PadLayer(before, after, fill), List.of(x), true);
                mode = Padding.Mode.VALID;
            } else {
                throw node.error("AveragePool with these pads" + (ceil ? " and ceil_mode" : "")
                        + " is not supported (it excludes pads that are not TensorFlow's SAME)");
            }
            Padding padding = mode == Padding.Mode.SAME ? Padding.SAME : Padding.VALID;
            PoolLayer layer = n == 2 ? new PoolLayer(kind, 2, kernel[0], kernel[1], stride[0], stride[1], padding)
                    : new PoolLayer(kind, 1, 1, kernel[0], 1, stride[0], padding);
            l.emit(node, layer, List.of(input), true);
        };
    }

    private static int[] ones(int n) {
        int[] out = new int[n];
        Arrays.fill(out, 1);
        return out;
    }

    /** GlobalAveragePool, GlobalMaxPool: 2-D is the core's global pool (keeping H and W as 1); 1-D a reduction. */
    static OnnxOpTable.Rule globalPool(PoolLayer.Kind kind) {
        return (node, l) -> {
            Operand x = l.in(node, 0);
            if (x.rank() == 4) {
                l.emit(node, new GlobalPoolLayer(kind, true), List.of(x), true);
            } else if (x.rank() == 3) {
                ReduceLayer.Kind reduce = kind == PoolLayer.Kind.MAX ? ReduceLayer.Kind.MAX : ReduceLayer.Kind.MEAN;
                l.emit(node, new ReduceLayer(reduce, List.of(1), true), List.of(x), true);
            } else {
                throw node.error("global pooling of rank " + x.rank() + " is not supported");
            }
        };
    }

    /**
     * Gemm: {@code alpha * A' * B' + beta * C}, A' = transA ? A^T : A. A runtime {@code [M, K]}
     * (transA 0) and B constant make a Dense layer (alpha folded into the weights, beta * C a
     * bias when it is per column); otherwise a BatchMatMul.
     */
    static void gemm(OnnxNode node, Lowerer l) {
        Operand a = l.in(node, 0);
        Operand b = l.in(node, 1);
        boolean transA = node.intAttr("transA", 0) != 0;
        boolean transB = node.intAttr("transB", 0) != 0;
        float alpha = node.floatAttr("alpha", 1f);
        float beta = node.floatAttr("beta", 1f);
        Tensor c = node.hasInput(2) ? l.constant(node, 2, "C") : null;
        if (b instanceof Operand.Const cb && a instanceof Operand.Runtime && !transA) {
            Tensor weights = scaled(transB ? Rearrangements.transpose(cb.value(), new long[] {1, 0}) : cb.value(), alpha);
            weights = matchFeatureOrder(a, weights);
            a = Lowerer.featuresMatched(a);
            int units = weights.shape().dim(1);
            Tensor bias = c == null ? null : columnBias(c, units, beta);
            Epilogue epilogue = bias == null ? Epilogue.NONE : Epilogue.NONE.plusBias(bias);
            Operand y = c != null && bias == null
                    ? l.emitStep(node, "product", new DenseLayer(weights, Epilogue.NONE), List.of(a), false)
                    : l.emit(node, new DenseLayer(weights, epilogue), List.of(a), false).get(0);
            if (c != null && bias == null) {
                ElementwiseRules.binary(node, l, null, BinaryLayer.Op.ADD, y, new Operand.Const(scaled(c, beta)));
            }
            return;
        }
        Operand y = l.emitStep(node, "product", new BatchMatMulLayer(transA, transB), List.of(a, b), false);
        if (alpha != 1f) {
            y = ElementwiseRules.binary(node, l, "alpha", BinaryLayer.Op.MUL, y, new Operand.Const(Tensor.scalar(alpha)));
        }
        if (c != null) {
            y = ElementwiseRules.binary(node, l, "bias", BinaryLayer.Op.ADD, y, new Operand.Const(scaled(c, beta)));
        }
        l.finish(node, y);
    }

    /** MatMul: a runtime {@code [M, K]} times a constant {@code [K, N]} is Dense; anything else BatchMatMul (batch broadcasting). */
    static void matMul(OnnxNode node, Lowerer l) {
        Operand a = l.in(node, 0);
        Operand b = l.in(node, 1);
        if (a instanceof Operand.Runtime && b instanceof Operand.Const cb && a.rank() == 2 && cb.value().rank() == 2) {
            l.emit(node, new DenseLayer(matchFeatureOrder(a, cb.value()), Epilogue.NONE), List.of(Lowerer.featuresMatched(a)), false);
            return;
        }
        l.emit(node, new BatchMatMulLayer(false, false), List.of(a, b), false);
    }

    /** Weights {@code [K, N]} with their rows in the order a flattened channels-last operand holds its features. */
    private static Tensor matchFeatureOrder(Operand a, Tensor weights) {
        int[] order = a instanceof Operand.Runtime r ? r.featureOrder() : null;
        if (order == null) {
            return weights;
        }
        int units = weights.shape().dim(1);
        int[] index = new int[weights.size()];
        for (int j = 0; j < order.length; j++) {
            for (int u = 0; u < units; u++) {
                index[j * units + u] = order[j] * units + u;
            }
        }
        return weights.select(weights.shape(), index);
    }

    private static Tensor scaled(Tensor t, float factor) {
        if (factor == 1f) {
            return t;
        }
        float[] values = t.floats();
        for (int i = 0; i < values.length; i++) {
            values[i] *= factor;
        }
        return Tensor.ofFloats(t.shape(), values);
    }

    /** {@code beta * C} as a {@code [N]} bias when C is per column (scalar, [N] or [1, N]); null otherwise. */
    private static Tensor columnBias(Tensor c, int units, float beta) {
        if (c.dtype() != DType.FLOAT32 || c.rank() > 2 || c.rank() == 2 && c.shape().dim(0) != 1) {
            return null;
        }
        if (c.size() != 1 && c.size() != units) {
            return null;
        }
        float[] bias = new float[units];
        for (int u = 0; u < units; u++) {
            bias[u] = beta * c.getFloat(c.size() == 1 ? 0 : u);
        }
        return Tensor.ofFloats(Shape.of(units), bias);
    }
}
