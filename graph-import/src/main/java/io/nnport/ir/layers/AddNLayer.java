package io.nnport.ir.layers;

import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.eval.Elementwise;
import java.util.List;

/**
 * <b>AddN</b>: the elementwise sum of N &gt;= 1 runtime inputs of one shape (no broadcasting),
 * summed in input order ({@link Elementwise#addN}, in double). Rejected: differing shapes or dtypes.
 */
public record AddNLayer() implements Layer {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public List<TensorType> outputTypes(List<TensorType> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("AddN needs at least one input");
        }
        return LayerRules.one(Elementwise.addNType(inputs));
    }

    @Override
    public List<Tensor> evaluate(List<Tensor> inputs) {
        return List.of(Elementwise.addN(inputs));
    }

    @Override
    public String describe() {
        return "AddN";
    }

    @Override
    public Traits traits() {
        return new Traits(true, Traits.InPlace.ANY_SAME_SHAPE, false, true, false);
    }
}
