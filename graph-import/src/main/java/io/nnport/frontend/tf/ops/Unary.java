package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.DType;
import io.nnport.ir.Tensor;
import java.util.List;

/**
 * Elementwise unary ops: {@code y[i] = f(x[i])}, output shape and dtype = input's.
 *
 * <table>
 * <caption>Functions</caption>
 * <tr><th>fn</th><th>TF ops</th><th>f(x)</th><th>dtypes</th></tr>
 * <tr><td>RELU</td><td>Relu</td><td>max(x, 0)</td><td>numeric</td></tr>
 * <tr><td>RELU6</td><td>Relu6</td><td>min(max(x, 0), 6)</td><td>numeric</td></tr>
 * <tr><td>LEAKY_RELU</td><td>LeakyRelu</td><td>x &gt; 0 ? x : alpha x; attr alpha, default 0.2</td><td>float32</td></tr>
 * <tr><td>ELU</td><td>Elu</td><td>x &gt; 0 ? x : exp(x) - 1</td><td>float32</td></tr>
 * <tr><td>SELU</td><td>Selu</td><td>1.0507 (x &gt; 0 ? x : 1.6733 (exp(x) - 1))</td><td>float32</td></tr>
 * <tr><td>SIGMOID</td><td>Sigmoid</td><td>1 / (1 + exp(-x))</td><td>float32</td></tr>
 * <tr><td>TANH</td><td>Tanh</td><td>tanh(x)</td><td>float32</td></tr>
 * <tr><td>SOFTPLUS</td><td>Softplus</td><td>log(1 + exp(x))</td><td>float32</td></tr>
 * <tr><td>SOFTSIGN</td><td>Softsign</td><td>x / (1 + |x|)</td><td>float32</td></tr>
 * <tr><td>RSQRT, SQRT</td><td>Rsqrt, Sqrt</td><td>1/sqrt(x), sqrt(x)</td><td>float32</td></tr>
 * <tr><td>SQUARE, NEG, ABS</td><td>Square, Neg, Abs</td><td>x*x, -x, |x|</td><td>numeric (ints wrap)</td></tr>
 * <tr><td>EXP, LOG, FLOOR, CEIL</td><td>Exp, Log, Floor, Ceil</td><td>as named</td><td>float32</td></tr>
 * <tr><td>LOGICAL_NOT</td><td>LogicalNot</td><td>!x</td><td>bool</td></tr>
 * </table>
 *
 * <p>Float functions are evaluated in double and rounded once to float32, so they are at least as
 * accurate as TensorFlow's (whose exp/tanh/sigmoid use approximations within a few ulp). Rejected:
 * an input dtype outside the table's column, with "does not accept ...".
 */
public record Unary(Fn fn) implements OpSemantics {

    /** The function of one element; traits say what passes and the planner may assume. */
    public enum Fn {
        RELU(true, true), RELU6(true, true), LEAKY_RELU(false, true), ELU(false, true), SELU(false, true),
        SIGMOID(false, false), TANH(false, true), SOFTPLUS(false, false), SOFTSIGN(false, true),
        RSQRT(false, false), SQRT(false, true), SQUARE(true, true), EXP(false, false), LOG(false, false),
        NEG(true, true), ABS(true, true), FLOOR(false, true), CEIL(false, true), LOGICAL_NOT(false, false);

        private final boolean acceptsIntegers;
        private final boolean preservesZero;

        Fn(boolean acceptsIntegers, boolean preservesZero) {
            this.acceptsIntegers = acceptsIntegers;
            this.preservesZero = preservesZero;
        }

        /** f(0) == 0: zero padding may be applied before or after. */
        public boolean preservesZero() {
            return preservesZero;
        }

        /** Float semantics; {@code alpha} is LeakyRelu's slope. */
        public double apply(double x, double alpha) {
            return switch (this) {
                case RELU -> x > 0 ? x : 0;
                case RELU6 -> Math.min(Math.max(x, 0), 6);
                case LEAKY_RELU -> x > 0 ? x : alpha * x;
                case ELU -> x > 0 ? x : Math.expm1(x);
                case SELU -> SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x));
                case SIGMOID -> 1 / (1 + Math.exp(-x));
                case TANH -> Math.tanh(x);
                case SOFTPLUS -> x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
                case SOFTSIGN -> x / (1 + Math.abs(x));
                case RSQRT -> 1 / Math.sqrt(x);
                case SQRT -> Math.sqrt(x);
                case SQUARE -> x * x;
                case EXP -> Math.exp(x);
                case LOG -> Math.log(x);
                case NEG -> -x;
                case ABS -> Math.abs(x);
                case FLOOR -> Math.floor(x);
                case CEIL -> Math.ceil(x);
                case LOGICAL_NOT -> x == 0 ? 1 : 0;
            };
        }

        /** Integer semantics, for the functions that accept ints. */
        long applyLong(long x) {
            return switch (this) {
                case RELU -> Math.max(x, 0);
                case RELU6 -> Math.min(Math.max(x, 0), 6);
                case SQUARE -> x * x;
                case NEG -> -x;
                case ABS -> Math.abs(x);
                default -> throw new IllegalStateException(name() + " has no integer form");
            };
        }
    }

    private static final double SELU_SCALE = 1.0507009873554804934193349852946;
    private static final double SELU_ALPHA = 1.6732632423543772848170429916717;

    @Override
    public List<TensorInfo> infer(Node node, List<TensorInfo> inputs) {
        Rules.arity(node, inputs, 1);
        DType dtype = inputs.get(0).dtype();
        boolean accepted = fn == Fn.LOGICAL_NOT ? dtype == DType.BOOL
                : dtype == DType.FLOAT32 || (fn.acceptsIntegers && dtype.isInteger());
        if (!accepted) {
            throw node.error("does not accept " + dtype + " inputs");
        }
        return Rules.one(dtype, inputs.get(0).shape());
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        infer(node, Rules.infos(inputs));
        Tensor x = inputs.get(0);
        double alpha = node.floatAttr("alpha", 0.2f);
        Tensor.Builder y = Tensor.builder(x.dtype(), x.shape());
        for (int i = 0; i < x.size(); i++) {
            if (x.dtype().isInteger()) {
                y.setLong(i, fn.applyLong(x.getLong(i)));
            } else {
                y.setDouble(i, fn.apply(x.getDouble(i), alpha));
            }
        }
        return Rules.one(y.build());
    }

    @Override
    public String toString() {
        return "unary " + fn;
    }
}
