package io.nnport.frontend.onnx.ops;

import io.nnport.frontend.onnx.OnnxNode;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.eval.Elementwise;
import io.nnport.ir.layers.Activation;
import io.nnport.ir.layers.BinaryLayer;
import io.nnport.ir.layers.PReLULayer;
import io.nnport.ir.layers.ReshapeLayer;
import io.nnport.ir.layers.UnaryLayer;
import io.nnport.ir.layers.WhereLayer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Elementwise ops: activations, unary functions and broadcasting binary ops. They keep their
 * operand's layout: on a channels-last operand, a constant of the other operand is aligned to the
 * full rank and permuted once at import, so no transpose is emitted.
 */
final class ElementwiseRules {
    /** ONNX's Selu defaults (float32), which the core's SELU computes. */
    private static final float SELU_ALPHA = 1.67326319217681884765625f, SELU_GAMMA = 1.05070102214813232421875f;

    private ElementwiseRules() {}

    /** A unary function of the core: y = fn(x). */
    static OnnxOpTable.Rule activation(Activation fn) {
        return (node, l) -> unary(node, l, fn, 0f);
    }

    private static void unary(OnnxNode node, Lowerer l, Activation fn, float alpha) {
        Operand x = l.in(node, 0);
        l.emit(node, new UnaryLayer(fn, alpha), List.of(x), isChannelsLast(x));
    }

    private static boolean isChannelsLast(Operand x) {
        return x instanceof Operand.Runtime r && r.channelsLast();
    }

    /** LeakyRelu: alpha attribute, default 0.01. */
    static void leakyRelu(OnnxNode node, Lowerer l) {
        unary(node, l, Activation.LEAKY_RELU, node.floatAttr("alpha", 0.01f));
    }

    /** Elu: alpha must be 1 (the core's ELU). */
    static void elu(OnnxNode node, Lowerer l) {
        if (node.floatAttr("alpha", 1f) != 1f) {
            throw node.error("Elu with alpha " + node.floatAttr("alpha", 1f) + " is not supported (only alpha 1)");
        }
        unary(node, l, Activation.ELU, 0f);
    }

    /** Selu: alpha and gamma must be ONNX's defaults (the core's SELU constants). */
    static void selu(OnnxNode node, Lowerer l) {
        if (node.floatAttr("alpha", SELU_ALPHA) != SELU_ALPHA || node.floatAttr("gamma", SELU_GAMMA) != SELU_GAMMA) {
            throw node.error("Selu with other than the default alpha and gamma is not supported");
        }
        unary(node, l, Activation.SELU, 0f);
    }

    /** HardSigmoid: clamp(alpha x + beta, 0, 1); alpha 0.2 and beta 0.5 (the defaults) is the core's HARD_SIGMOID. */
    static void hardSigmoid(OnnxNode node, Lowerer l) {
        float alpha = node.floatAttr("alpha", 0.2f);
        float beta = node.floatAttr("beta", 0.5f);
        if (alpha == 0.2f && beta == 0.5f) {
            unary(node, l, Activation.HARD_SIGMOID, 0f);
            return;
        }
        Operand x = l.in(node, 0);
        Operand y = withConstant(node, l, "scale", BinaryLayer.Op.MUL, x, alpha);
        y = withConstant(node, l, "shift", BinaryLayer.Op.ADD, y, beta);
        y = withConstant(node, l, "low", BinaryLayer.Op.MAXIMUM, y, 0f);
        l.finish(node, withConstant(node, l, "high", BinaryLayer.Op.MINIMUM, y, 1f));
    }

    /** HardSwish: x * relu6(x + 3) / 6. */
    static void hardSwish(OnnxNode node, Lowerer l) {
        Operand x = l.in(node, 0);
        Operand y = withConstant(node, l, "plus3", BinaryLayer.Op.ADD, x, 3f);
        y = l.emitStep(node, "relu6", new UnaryLayer(Activation.RELU6, 0f), List.of(y), isChannelsLast(y));
        y = withConstant(node, l, "div6", BinaryLayer.Op.DIV, y, 6f);
        l.emit(node, BinaryLayer.of(BinaryLayer.Op.MUL), List.of(x, y), isChannelsLast(x));
    }

    /** Mish: x * tanh(softplus(x)). */
    static void mish(OnnxNode node, Lowerer l) {
        Operand x = l.in(node, 0);
        Operand y = l.emitStep(node, "softplus", new UnaryLayer(Activation.SOFTPLUS, 0f), List.of(x), isChannelsLast(x));
        y = l.emitStep(node, "tanh", new UnaryLayer(Activation.TANH, 0f), List.of(y), isChannelsLast(y));
        l.emit(node, BinaryLayer.of(BinaryLayer.Op.MUL), List.of(x, y), isChannelsLast(x));
    }

    /** Reciprocal: 1 / x. */
    static void reciprocal(OnnxNode node, Lowerer l) {
        Operand x = l.in(node, 0);
        l.emit(node, new BinaryLayer(BinaryLayer.Op.DIV, Tensor.scalar(1f), true), List.of(x), isChannelsLast(x));
    }

    /**
     * Clip: min and max are attributes before opset 11 and optional constant inputs from 11 on.
     * [0, 6] is relu6, [0, +inf) relu; other bounds a maximum and a minimum.
     */
    static void clip(OnnxNode node, Lowerer l) {
        float min;
        float max;
        if (node.opset() < 11) {
            min = node.floatAttr("min", Float.NEGATIVE_INFINITY);
            max = node.floatAttr("max", Float.POSITIVE_INFINITY);
        } else {
            min = node.hasInput(1) ? l.constant(node, 1, "min").getFloat(0) : Float.NEGATIVE_INFINITY;
            max = node.hasInput(2) ? l.constant(node, 2, "max").getFloat(0) : Float.POSITIVE_INFINITY;
        }
        Operand x = l.in(node, 0);
        if (x.dtype() == DType.FLOAT32 && min == 0 && max == 6) {
            unary(node, l, Activation.RELU6, 0f);
            return;
        }
        if (x.dtype() == DType.FLOAT32 && min == 0 && max == Float.POSITIVE_INFINITY) {
            unary(node, l, Activation.RELU, 0f);
            return;
        }
        Operand y = x;
        if (min != Float.NEGATIVE_INFINITY) {
            y = withConstant(node, l, "min", BinaryLayer.Op.MAXIMUM, y, min);
        }
        if (max != Float.POSITIVE_INFINITY) {
            y = withConstant(node, l, "max", BinaryLayer.Op.MINIMUM, y, max);
        }
        l.finish(node, y);
    }

    /** PRelu: slope a constant broadcast against x (per channel, [C,1,1], in CNNs). */
    static void prelu(OnnxNode node, Lowerer l) {
        Operand x = l.in(node, 0);
        Tensor slope = l.constant(node, 1, "slope");
        boolean channelsLast = isChannelsLast(x);
        l.emit(node, new PReLULayer(aligned(slope, x.rank(), channelsLast)), List.of(x), channelsLast);
    }

    /** Pow with a constant exponent of 2 (square), 0.5 (sqrt) or 1; constants fold in double. */
    static void pow(OnnxNode node, Lowerer l) {
        Operand x = l.in(node, 0);
        Tensor exponent = l.constant(node, 1, "exponent");
        if (x instanceof Operand.Const c) {
            Shape shape = outShape(c.value(), exponent);
            Tensor.Builder out = Tensor.builder(c.dtype(), shape);
            int[] xi = Elementwise.broadcastIndex(c.value().shape(), shape);
            int[] ei = Elementwise.broadcastIndex(exponent.shape(), shape);
            for (int i = 0; i < out.size(); i++) {
                out.setDouble(i, Math.pow(c.value().getDouble(xi[i]), exponent.getDouble(ei[i])));
            }
            l.bind(node, 0, new Operand.Const(out.build()));
            return;
        }
        if (exponent.size() != 1) {
            throw node.error("Pow with a non-scalar exponent is not supported");
        }
        double e = exponent.getDouble(0);
        if (e == 1) {
            l.bind(node, 0, x);
        } else if (e == 2 || e == 0.5) {
            unary(node, l, e == 2 ? Activation.SQUARE : Activation.SQRT, 0f);
        } else {
            throw node.error("Pow with exponent " + e + " is not supported (2, 0.5 and 1 are)");
        }
    }

    private static Shape outShape(Tensor a, Tensor b) {
        return Elementwise.broadcast(a.shape(), b.shape());
    }

    /** A binary op with NumPy broadcasting; a constant operand is carried by the layer. */
    static OnnxOpTable.Rule binary(BinaryLayer.Op op) {
        return (node, l) -> l.finish(node, binary(node, l, null, op, l.in(node, 0), l.in(node, 1)));
    }

    /** Not on bool: {@code x == false}, an Equal layer (the core has no logical unary layer). */
    static void not(OnnxNode node, Lowerer l) {
        Operand x = l.in(node, 0);
        if (x.dtype() != DType.BOOL) {
            throw node.error("Not takes bool, not " + x.dtype());
        }
        Tensor no = Tensor.builder(DType.BOOL, Shape.of()).setBool(0, false).build();
        l.finish(node, binary(node, l, null, BinaryLayer.Op.EQUAL, x, new Operand.Const(no)));
    }

    /**
     * Where(condition, X, Y) with NumPy broadcasting of the three: one Where layer on operands in
     * ONNX's order (constants, such as an attention mask's -inf, become constant layers).
     */
    static void where(OnnxNode node, Lowerer l) {
        l.emit(node, new WhereLayer(), List.of(l.in(node, 0), l.in(node, 1), l.in(node, 2)), false);
    }

    /** Max, Min, Sum, Mean: a chain of binary ops over any number of inputs (Mean divides the sum by the count). */
    static OnnxOpTable.Rule nary(BinaryLayer.Op op, boolean mean) {
        return (node, l) -> {
            int count = node.inputs().size();
            Operand y = l.in(node, 0);
            for (int i = 1; i < count; i++) {
                boolean last = i == count - 1 && !mean;
                y = binary(node, l, last ? null : "step" + i, op, y, l.in(node, i));
            }
            if (mean) {
                y = withConstant(node, l, null, BinaryLayer.Op.DIV, y, count);
            }
            l.finish(node, y);
        };
    }

    /** {@code op(x, value)} with a float32 scalar constant. */
    private static Operand withConstant(OnnxNode node, Lowerer l, String role, BinaryLayer.Op op, Operand x, float value) {
        return binary(node, l, role, op, x, new Operand.Const(Tensor.scalar(value)));
    }

    /**
     * One broadcasting binary layer. {@code role} null: it computes the node's output; otherwise a
     * step of a decomposition. Integer division (shape arithmetic) is folded here, truncating as
     * ONNX defines it.
     */
    static Operand binary(OnnxNode node, Lowerer l, String role, BinaryLayer.Op op, Operand a, Operand b) {
        if (op == BinaryLayer.Op.DIV && a instanceof Operand.Const ca && b instanceof Operand.Const cb && ca.dtype().isInteger()) {
            return integerDivision(node, l, role, ca, cb);
        }
        boolean channelsLast = Lowerer.anyChannelsLast(List.of(a, b));
        int rank = Math.max(a.rank(), b.rank());
        BinaryLayer layer;
        List<Operand> inputs = new ArrayList<>();
        if (a instanceof Operand.Const ca && !(b instanceof Operand.Const)) {
            layer = new BinaryLayer(op, aligned(ca.value(), rank, channelsLast), true);
            inputs.add(fullRank(node, l, b, rank, channelsLast));
        } else if (b instanceof Operand.Const cb && !(a instanceof Operand.Const)) {
            layer = new BinaryLayer(op, aligned(cb.value(), rank, channelsLast), false);
            inputs.add(fullRank(node, l, a, rank, channelsLast));
        } else {
            layer = BinaryLayer.of(op);
            inputs.add(fullRank(node, l, a, rank, channelsLast));
            inputs.add(fullRank(node, l, b, rank, channelsLast));
        }
        return role == null ? l.emit(node, layer, inputs, channelsLast).get(0) : l.emitStep(node, role, layer, inputs, channelsLast);
    }

    private static Operand integerDivision(OnnxNode node, Lowerer l, String role, Operand.Const a, Operand.Const b) {
        if (a.batchMask() != null || b.batchMask() != null) {
            throw node.error("divides the dynamic batch size; fix the batch with --input NAME=d0,d1,...");
        }
        Shape shape = outShape(a.value(), b.value());
        int[] ai = Elementwise.broadcastIndex(a.value().shape(), shape);
        int[] bi = Elementwise.broadcastIndex(b.value().shape(), shape);
        Tensor.Builder out = Tensor.builder(a.dtype(), shape);
        for (int i = 0; i < out.size(); i++) {
            long divisor = b.value().getLong(bi[i]);
            if (divisor == 0) {
                throw node.error("integer division by zero");
            }
            out.setLong(i, a.value().getLong(ai[i]) / divisor);
        }
        Operand result = new Operand.Const(out.build());
        if (role == null) {
            l.bind(node, 0, result);
        }
        return result;
    }

    /**
     * A constant operand of a layer whose runtime operand has rank {@code rank}: channels first it is
     * unchanged; channels last it is aligned to the full rank, permuted, and its leading 1s dropped
     * again (a per-channel {@code [C,1,1]} becomes {@code [C]}, the core's bias form).
     */
    static Tensor aligned(Tensor constant, int rank, boolean channelsLast) {
        if (!channelsLast || constant.rank() == 0) {
            return constant;
        }
        int[] dims = new int[rank];
        Arrays.fill(dims, 1);
        int[] own = constant.shape().dims();
        System.arraycopy(own, 0, dims, rank - own.length, own.length);
        Tensor permuted = Layout.toChannelsLast(constant.reshape(Shape.of(dims)));
        int[] physical = permuted.shape().dims();
        int lead = 0;
        while (lead < physical.length - 1 && physical[lead] == 1) {
            lead++;
        }
        return permuted.reshape(Shape.of(Arrays.copyOfRange(physical, lead, physical.length)));
    }

    /** A runtime operand of lower rank than its channels-last partner, given leading 1s so that axes line up. */
    private static Operand fullRank(OnnxNode node, Lowerer l, Operand x, int rank, boolean channelsLast) {
        if (!channelsLast || x.rank() == rank || x instanceof Operand.Const) {
            return x;
        }
        Operand.Runtime r = l.inOnnxOrder(x);
        int[] dims = new int[rank];
        Arrays.fill(dims, 1);
        int[] own = r.type().shape().dims();
        System.arraycopy(own, 0, dims, rank - own.length, own.length);
        return l.emitStep(node, "aligned", new ReshapeLayer(Shape.of(dims)), List.of(r), false);
    }
}
