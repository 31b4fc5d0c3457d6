package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.util.List;

/**
 * Elementwise binary ops with numpy broadcasting: {@code z[i] = f(x[bx(i)], y[by(i)])}.
 *
 * <p>Shape rule: shapes are right-aligned and a dimension of 1 stretches; an unknown dimension
 * (the batch) against 1 stays unknown. Both inputs must have the same dtype. Output dtype is the
 * input's, or bool for comparisons.
 *
 * <table>
 * <caption>Functions</caption>
 * <tr><th>fn</th><th>TF ops</th><th>f(x, y)</th><th>dtypes</th></tr>
 * <tr><td>ADD, SUB, MUL</td><td>Add, AddV2, Sub, Mul</td><td>x+y, x-y, x*y</td><td>numeric (int32 wraps)</td></tr>
 * <tr><td>REAL_DIV</td><td>RealDiv</td><td>x / y</td><td>float32</td></tr>
 * <tr><td>MAXIMUM, MINIMUM</td><td>Maximum, Minimum</td><td>max, min</td><td>numeric</td></tr>
 * <tr><td>SQUARED_DIFFERENCE</td><td>SquaredDifference</td><td>(x-y)*(x-y)</td><td>numeric</td></tr>
 * <tr><td>LESS, LESS_EQUAL, GREATER, GREATER_EQUAL</td><td>Less, LessEqual, Greater, GreaterEqual</td>
 *     <td>comparison</td><td>numeric -&gt; bool</td></tr>
 * <tr><td>EQUAL, NOT_EQUAL</td><td>Equal, NotEqual</td><td>==, !=</td><td>numeric, bool -&gt; bool</td></tr>
 * <tr><td>LOGICAL_AND, LOGICAL_OR</td><td>LogicalAnd, LogicalOr</td><td>&amp;&amp;, ||</td><td>bool</td></tr>
 * </table>
 *
 * <p>Float results are computed in double and rounded once, which for +, -, *, / gives exactly
 * TensorFlow's float32 result. Rejected: mismatched dtypes, shapes that do not broadcast, a dtype
 * outside the table.
 *
 * <p>Also in this family: {@link BiasAdd} ({@code x + bias} along the channel axis) and {@link AddN}
 * (sum of N same-shape tensors).
 */
public record Binary(Fn fn) implements OpSemantics {

    public enum Fn {
        ADD, SUB, MUL, REAL_DIV, MAXIMUM, MINIMUM, SQUARED_DIFFERENCE,
        LESS, LESS_EQUAL, GREATER, GREATER_EQUAL, EQUAL, NOT_EQUAL, LOGICAL_AND, LOGICAL_OR;

        boolean isComparison() {
            return ordinal() >= LESS.ordinal() && ordinal() <= NOT_EQUAL.ordinal();
        }

        boolean isLogical() {
            return this == LOGICAL_AND || this == LOGICAL_OR;
        }

        /** Float semantics (the result is rounded to float32 by the caller); comparisons give 0 or 1. */
        public double apply(double x, double y) {
            return switch (this) {
                case ADD -> x + y;
                case SUB -> x - y;
                case MUL -> x * y;
                case REAL_DIV -> x / y;
                case MAXIMUM -> Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.max(x, y);
                case MINIMUM -> Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.min(x, y);
                case SQUARED_DIFFERENCE -> {
                    double difference = (float) (x - y);
                    yield difference * difference;
                }
                default -> compare(x, y) ? 1 : 0;
            };
        }

        /** Integer semantics of the arithmetic functions (int32 results wrap when stored). */
        public long applyLong(long x, long y) {
            return switch (this) {
                case ADD -> x + y;
                case SUB -> x - y;
                case MUL -> x * y;
                case MAXIMUM -> Math.max(x, y);
                case MINIMUM -> Math.min(x, y);
                case SQUARED_DIFFERENCE -> (x - y) * (x - y);
                default -> throw new IllegalStateException(name() + " has no integer form");
            };
        }

        boolean compare(double x, double y) {
            return switch (this) {
                case LESS -> x < y;
                case LESS_EQUAL -> x <= y;
                case GREATER -> x > y;
                case GREATER_EQUAL -> x >= y;
                case EQUAL -> x == y;
                case NOT_EQUAL -> x != y;
                case LOGICAL_AND -> x != 0 && y != 0;
                case LOGICAL_OR -> x != 0 || y != 0;
                default -> throw new IllegalStateException(name() + " is not a comparison");
            };
        }
    }

    @Override
    public List<TensorInfo> infer(Node node, List<TensorInfo> inputs) {
        Rules.arity(node, inputs, 2);
        DType dtype = inputs.get(0).dtype();
        if (inputs.get(1).dtype() != dtype) {
            throw node.error("input dtypes differ: " + dtype + " and " + inputs.get(1).dtype());
        }
        boolean accepted = fn.isLogical() ? dtype == DType.BOOL
                : fn == Fn.REAL_DIV ? dtype == DType.FLOAT32
                : fn == Fn.EQUAL || fn == Fn.NOT_EQUAL ? dtype != DType.STRING
                : dtype.isNumeric();
        if (!accepted) {
            throw node.error("does not accept " + dtype + " inputs");
        }
        DType out = fn.isComparison() || fn.isLogical() ? DType.BOOL : dtype;
        return Rules.one(out, Rules.broadcast(node, inputs.get(0).shape(), inputs.get(1).shape()));
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        TensorInfo out = infer(node, Rules.infos(inputs)).get(0);
        Tensor x = inputs.get(0);
        Tensor y = inputs.get(1);
        int[] xi = Rules.broadcastIndex(x.shape(), out.shape());
        int[] yi = Rules.broadcastIndex(y.shape(), out.shape());
        Tensor.Builder z = Rules.builder(node, out.dtype(), out.shape());
        boolean integer = x.dtype().isInteger();
        for (int i = 0; i < z.size(); i++) {
            if (fn.isComparison() || fn.isLogical()) {
                // Integers compare exactly as longs; int64 beyond 2^53 would not survive a double.
                z.setBool(i, integer ? fn.compare(Long.compare(x.getLong(xi[i]), y.getLong(yi[i])), 0)
                        : fn.compare(x.getDouble(xi[i]), y.getDouble(yi[i])));
            } else if (integer) {
                z.setLong(i, fn.applyLong(x.getLong(xi[i]), y.getLong(yi[i])));
            } else {
                z.setDouble(i, fn.apply(x.getDouble(xi[i]), y.getDouble(yi[i])));
            }
        }
        return Rules.one(z.build());
    }

    @Override
    public String toString() {
        return "binary " + fn;
    }

    /**
     * BiasAdd (and BiasAddV1): {@code y[..., c] = x[..., c] + bias[c]} for NHWC (the default
     * {@code data_format}); with {@code data_format=NCHW} the channel is dimension 1. x has rank
     * &gt;= 2, bias is 1-D with x's channel count. Output shape = x's. Rejected: a bias whose length
     * is not the channel count.
     */
    public record BiasAdd() implements OpSemantics {
        @Override
        public List<TensorInfo> infer(Node node, List<TensorInfo> inputs) {
            Rules.arity(node, inputs, 2);
            Shape x = inputs.get(0).shape();
            Shape bias = inputs.get(1).shape();
            Rules.requireNumeric(node, inputs.get(0).dtype());
            Rules.requireRank(node, bias, 1, "bias");
            if (x.hasRank()) {
                if (x.rank() < 2) {
                    throw node.error("input must have rank >= 2, has shape " + x);
                }
                int channels = x.dim(channelAxis(node, x.rank()));
                if (bias.hasRank() && channels != Shape.UNKNOWN && bias.dim(0) != Shape.UNKNOWN && bias.dim(0) != channels) {
                    throw node.error("bias has " + bias.dim(0) + " values for " + channels + " channels of " + x);
                }
            }
            return Rules.one(inputs.get(0).dtype(), x);
        }

        @Override
        public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
            infer(node, Rules.infos(inputs));
            Tensor x = inputs.get(0);
            Tensor bias = inputs.get(1);
            int axis = channelAxis(node, x.rank());
            int inner = 1;
            for (int d = axis + 1; d < x.rank(); d++) {
                inner *= x.shape().dim(d);
            }
            int channels = x.shape().dim(axis);
            Tensor.Builder y = Tensor.builder(x.dtype(), x.shape());
            for (int i = 0; i < x.size(); i++) {
                int c = (i / inner) % channels;
                if (x.dtype().isInteger()) {
                    y.setLong(i, x.getLong(i) + bias.getLong(c));
                } else {
                    y.setDouble(i, x.getDouble(i) + bias.getDouble(c));
                }
            }
            return Rules.one(y.build());
        }

        private static int channelAxis(Node node, int rank) {
            return node.stringAttr("data_format", "NHWC").equals("NCHW") ? 1 : rank - 1;
        }

        @Override
        public String toString() {
            return "bias add";
        }
    }

    /**
     * AddN: the elementwise sum of N inputs of one shape and dtype (no broadcasting), summed in
     * double in input order. Rejected: differing shapes.
     */
    public record AddN() implements OpSemantics {
        @Override
        public List<TensorInfo> infer(Node node, List<TensorInfo> inputs) {
            Rules.minArity(node, inputs, 1);
            Shape shape = inputs.get(0).shape();
            for (TensorInfo input : inputs) {
                Rules.requireNumeric(node, input.dtype());
                if (input.dtype() != inputs.get(0).dtype() || !input.shape().isCompatibleWith(shape)) {
                    throw node.error("inputs differ: " + inputs.get(0).dtype() + shape + " and "
                            + input.dtype() + input.shape());
                }
                if (!shape.isFullyKnown()) {
                    shape = input.shape();
                }
            }
            return Rules.one(inputs.get(0).dtype(), shape);
        }

        @Override
        public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
            infer(node, Rules.infos(inputs));
            Tensor first = inputs.get(0);
            Tensor.Builder sum = Tensor.builder(first.dtype(), first.shape());
            for (int i = 0; i < first.size(); i++) {
                double total = 0;
                long totalLong = 0;
                for (Tensor input : inputs) {
                    total += input.getDouble(i);
                    totalLong += input.getLong(i);
                }
                if (first.dtype().isInteger()) {
                    sum.setLong(i, totalLong);
                } else {
                    sum.setDouble(i, total);
                }
            }
            return Rules.one(sum.build());
        }

        @Override
        public String toString() {
            return "add n";
        }
    }
}
