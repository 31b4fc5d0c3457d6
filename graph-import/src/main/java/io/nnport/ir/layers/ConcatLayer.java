package io.nnport.ir.layers;

import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.eval.Rearrangements;
import java.util.List;

/**
 * <b>Concat</b>: runtime inputs joined along {@code axis} (non-negative, an axis of the output);
 * shapes equal off the axis. With {@code stack} each input first gets a new axis of size 1 there
 * (Pack: N inputs of shape S give {@code S[:axis] + [N] + S[axis:]}).
 *
 * <p>Evaluation: {@link Rearrangements#concat}. Rejected: joining along the dynamic batch axis 0,
 * shapes that differ off the axis, mixed dtypes.
 */
public record ConcatLayer(int axis, boolean stack) implements Layer {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public List<TensorType> outputTypes(List<TensorType> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("Concat needs inputs");
        }
        if (axis == 0 && inputs.get(0).rank() > 0 && inputs.get(0).dim(0) == Shape.UNKNOWN) {
            throw new IllegalArgumentException("joining along the dynamic batch axis 0 is not supported");
        }
        List<TensorType> parts = stack
                ? inputs.stream().map(t -> new TensorType(t.dtype(), LayerRules.insertOne(t.shape(), axis))).toList()
                : inputs;
        for (TensorType part : parts) {
            if (part.dtype() != parts.get(0).dtype()) {
                throw new IllegalArgumentException("inputs mix " + parts.get(0).dtype() + " and " + part.dtype());
            }
            if (part.rank() <= axis) {
                throw new IllegalArgumentException("axis " + axis + " is out of range for " + part.shape());
            }
        }
        return LayerRules.one(parts.get(0).dtype(), Rearrangements.concatShape(parts.stream().map(TensorType::shape).toList(), axis));
    }

    @Override
    public List<Tensor> evaluate(List<Tensor> inputs) {
        List<Tensor> parts = stack ? inputs.stream().map(t -> t.reshape(LayerRules.insertOne(t.shape(), axis))).toList() : inputs;
        return List.of(Rearrangements.concat(parts, axis));
    }

    @Override
    public String describe() {
        return (stack ? "Stack" : "Concat") + " axis=" + axis;
    }

    @Override
    public Traits traits() {
        return Traits.copying(true);
    }
}
