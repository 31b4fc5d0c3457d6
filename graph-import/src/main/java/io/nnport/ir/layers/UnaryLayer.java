package io.nnport.ir.layers;

import io.nnport.ir.DType;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.eval.Elementwise;
import java.util.List;

/**
 * <b>Unary</b> (the activation layer): {@code y[i] = fn(x[i], alpha)}, shape and dtype of x.
 *
 * <p>{@code alpha} is LEAKY_RELU's slope (unused by the others). Evaluation: {@link Activation#apply}
 * for float32; RELU, RELU6, NEG, ABS and SQUARE also accept int32/int64 (integer semantics of
 * {@link io.nnport.ir.eval.UnaryFn}). Rejected: other dtypes.
 */
public record UnaryLayer(Activation fn, float alpha) implements Layer {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public List<TensorType> outputTypes(List<TensorType> inputs) {
        LayerRules.arity(inputs, 1, "Unary");
        TensorType x = inputs.get(0);
        boolean integer = fn.function() != null && fn.function().accepts(x.dtype()) && x.dtype().isInteger();
        if (x.dtype() != DType.FLOAT32 && !integer) {
            throw new IllegalArgumentException(fn + " does not accept " + x.dtype() + " inputs");
        }
        return LayerRules.one(x);
    }

    @Override
    public List<Tensor> evaluate(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        if (x.dtype().isInteger()) {
            return List.of(Elementwise.unary(fn.function(), x, alpha));
        }
        float[] y = x.floats();
        for (int i = 0; i < y.length; i++) {
            y[i] = fn.apply(y[i], alpha);
        }
        return List.of(Tensor.ofFloats(x.shape(), y));
    }

    @Override
    public String describe() {
        return "Activation " + fn.label() + (fn == Activation.LEAKY_RELU ? "(" + alpha + ")" : "");
    }

    @Override
    public Traits traits() {
        return new Traits(true, Traits.InPlace.FIRST, false, fn.preservesZero(), fn.isExact());
    }
}
