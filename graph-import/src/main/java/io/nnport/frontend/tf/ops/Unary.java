package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.Tensor;
import io.nnport.ir.eval.Elementwise;
import io.nnport.ir.eval.UnaryFn;
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
 * <p>The functions are the core's {@link UnaryFn} (evaluated in double, rounded once to float32).
 * Rejected: an input dtype outside the table's column, with "does not accept ...".
 */
public record Unary(UnaryFn fn) implements OpSemantics {

    @Override
    public List<TensorInfo> infer(Node node, List<TensorInfo> inputs) {
        Rules.arity(node, inputs, 1);
        return Rules.one(Rules.at(node, () -> Elementwise.unaryType(fn, Rules.type(inputs.get(0)))));
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        Rules.arity(node, inputs, 1);
        double alpha = node.floatAttr("alpha", 0.2f);
        return Rules.one(Rules.at(node, () -> Elementwise.unary(fn, inputs.get(0), alpha)));
    }

    @Override
    public String toString() {
        return "unary " + fn;
    }
}
