package io.nnport.ir.layers;

import io.nnport.ir.DType;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.eval.Elementwise;
import java.util.List;

/**
 * <b>Cast</b>: each element converted to {@code to} (float to integer truncates toward zero,
 * to bool is {@code x != 0}; {@link Elementwise#cast}). Rejected: strings.
 */
public record CastLayer(DType to) implements Layer {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public List<TensorType> outputTypes(List<TensorType> inputs) {
        LayerRules.arity(inputs, 1, "Cast");
        return LayerRules.one(Elementwise.castType(inputs.get(0), to));
    }

    @Override
    public List<Tensor> evaluate(List<Tensor> inputs) {
        return List.of(Elementwise.cast(inputs.get(0), to));
    }

    @Override
    public String describe() {
        return "Cast to " + to;
    }

    @Override
    public Traits traits() {
        return new Traits(true, Traits.InPlace.NONE, false, true, true);
    }
}
