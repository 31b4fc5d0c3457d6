package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.eval.Reductions;
import java.util.List;

/**
 * Softmax over the last axis, rank &gt;= 1, float32; output shape = input's.
 *
 * <ul>
 * <li><b>SOFTMAX</b> (Softmax): {@code y[i] = exp(x[i] - max) / sum_j exp(x[j] - max)}.</li>
 * <li><b>LOG</b> (LogSoftmax): {@code y[i] = x[i] - max - log(sum_j exp(x[j] - max))}.</li>
 * </ul>
 *
 * <p>Subtracting the row maximum keeps exp from overflowing; sums are double. Rejected: rank 0,
 * non-float32 input.
 */
public record Softmax(boolean log) implements OpSemantics {

    @Override
    public List<TensorInfo> infer(Node node, List<TensorInfo> inputs) {
        Rules.arity(node, inputs, 1);
        Rules.requireFloat(node, inputs.get(0).dtype());
        Shape x = inputs.get(0).shape();
        if (x.hasRank() && x.rank() < 1) {
            throw node.error("input must have rank >= 1, is a scalar");
        }
        return Rules.one(inputs.get(0).dtype(), x);
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        Rules.arity(node, inputs, 1);
        return Rules.one(Rules.at(node, () -> Reductions.softmax(inputs.get(0), log)));
    }

    @Override
    public String toString() {
        return log ? "log softmax" : "softmax";
    }
}
