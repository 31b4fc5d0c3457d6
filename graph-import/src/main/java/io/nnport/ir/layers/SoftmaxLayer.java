package io.nnport.ir.layers;

import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.eval.Reductions;
import java.util.List;

/**
 * <b>Softmax</b> over the last axis: {@code y = exp(x - max) / sum exp(x - max)}, or with
 * {@code log} {@code y = x - max - log(sum exp(x - max))}, sums in double
 * ({@link Reductions#softmax}). Shape rule: x's. Rejected: rank 0, non-float32 input. Row-wise, so
 * it may overwrite its input.
 */
public record SoftmaxLayer(boolean log) implements Layer {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public List<TensorType> outputTypes(List<TensorType> inputs) {
        LayerRules.arity(inputs, 1, "Softmax");
        TensorType x = inputs.get(0);
        LayerRules.requireFloat(x, "Softmax");
        if (x.rank() < 1) {
            throw new IllegalArgumentException("Softmax input must have rank >= 1, is a scalar");
        }
        return LayerRules.one(x);
    }

    @Override
    public List<Tensor> evaluate(List<Tensor> inputs) {
        return List.of(Reductions.softmax(inputs.get(0), log));
    }

    @Override
    public String describe() {
        return log ? "LogSoftmax" : "Softmax";
    }

    @Override
    public Traits traits() {
        return new Traits(false, Traits.InPlace.FIRST, false, false, false);
    }
}
