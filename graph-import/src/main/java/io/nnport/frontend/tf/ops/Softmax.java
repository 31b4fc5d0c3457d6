package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
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
        infer(node, Rules.infos(inputs));
        Tensor x = inputs.get(0);
        int depth = x.shape().dim(-1);
        Tensor.Builder y = Tensor.builder(x.dtype(), x.shape());
        for (int row = 0; depth > 0 && row < x.size() / depth; row++) {
            int base = row * depth;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < depth; i++) {
                max = Math.max(max, x.getDouble(base + i));
            }
            double sum = 0;
            for (int i = 0; i < depth; i++) {
                sum += Math.exp(x.getDouble(base + i) - max);
            }
            for (int i = 0; i < depth; i++) {
                double shifted = x.getDouble(base + i) - max;
                y.setDouble(base + i, log ? shifted - Math.log(sum) : Math.exp(shifted) / sum);
            }
        }
        return Rules.one(y.build());
    }

    @Override
    public String toString() {
        return log ? "log softmax" : "softmax";
    }
}
