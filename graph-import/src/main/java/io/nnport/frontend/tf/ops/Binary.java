package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.eval.BinaryFn;
import io.nnport.ir.eval.Elementwise;
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
 * <p>The functions are the core's {@link BinaryFn}: float results computed in double and rounded
 * once, which for +, -, *, / gives exactly TensorFlow's float32 result. Rejected: mismatched dtypes, shapes that do not broadcast, a dtype
 * outside the table.
 *
 * <p>Also in this family: {@link BiasAdd} ({@code x + bias} along the channel axis) and {@link AddN}
 * (sum of N same-shape tensors).
 */
public record Binary(BinaryFn fn) implements OpSemantics {

    @Override
    public List<TensorInfo> infer(Node node, List<TensorInfo> inputs) {
        Rules.arity(node, inputs, 2);
        return Rules.one(Rules.at(node, () -> Elementwise.binaryType(fn, Rules.type(inputs.get(0)), Rules.type(inputs.get(1)))));
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        Rules.arity(node, inputs, 2);
        return Rules.one(Rules.at(node, () -> Elementwise.binary(fn, inputs.get(0), inputs.get(1))));
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
            return Rules.one(Rules.at(node, () -> Elementwise.addNType(inputs.stream().map(Rules::type).toList())));
        }

        @Override
        public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
            Rules.minArity(node, inputs, 1);
            return Rules.one(Rules.at(node, () -> Elementwise.addN(inputs)));
        }

        @Override
        public String toString() {
            return "add n";
        }
    }
}
