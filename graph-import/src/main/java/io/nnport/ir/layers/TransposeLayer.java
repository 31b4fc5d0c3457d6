package io.nnport.ir.layers;

import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.eval.Rearrangements;
import java.util.List;

/**
 * <b>Transpose</b>: {@code y.shape[i] = x.shape[perm[i]]}, elements permuted accordingly
 * ({@link Rearrangements#transpose}). Rejected: a perm that is not a permutation of the axes, or
 * that moves the dynamic batch out of dimension 0.
 */
public record TransposeLayer(List<Integer> perm) implements Layer {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    public TransposeLayer {
        perm = List.copyOf(perm);
    }

    @Override
    public List<TensorType> outputTypes(List<TensorType> inputs) {
        LayerRules.arity(inputs, 1, "Transpose");
        TensorType x = inputs.get(0);
        if (LayerRules.batched(x) && perm.get(0) != 0) {
            throw new IllegalArgumentException("perm " + perm + " moves the dynamic batch out of dimension 0");
        }
        return LayerRules.one(x.dtype(), Rearrangements.transposeShape(x.shape(), LayerRules.longs(perm)));
    }

    @Override
    public List<Tensor> evaluate(List<Tensor> inputs) {
        return List.of(Rearrangements.transpose(inputs.get(0), LayerRules.longs(perm)));
    }

    @Override
    public String describe() {
        return "Transpose " + perm;
    }

    @Override
    public Traits traits() {
        return Traits.copying(true);
    }
}
