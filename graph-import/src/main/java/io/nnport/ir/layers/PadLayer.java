package io.nnport.ir.layers;

import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.eval.Rearrangements;
import java.util.List;

/**
 * <b>Pad</b>: x with {@code before[d]} and {@code after[d]} elements of {@code value} added
 * around each dimension d ({@link Rearrangements#pad}). Default value 0. Rejected: negative
 * paddings, padding the batch dimension.
 */
public record PadLayer(List<Integer> before, List<Integer> after, double value) implements Layer {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    public PadLayer {
        before = List.copyOf(before);
        after = List.copyOf(after);
    }

    /** {@code [before0, after0, before1, after1, ...]}. */
    private long[] paddings() {
        long[] paddings = new long[2 * before.size()];
        for (int d = 0; d < before.size(); d++) {
            paddings[2 * d] = before.get(d);
            paddings[2 * d + 1] = after.get(d);
        }
        return paddings;
    }

    @Override
    public List<TensorType> outputTypes(List<TensorType> inputs) {
        LayerRules.arity(inputs, 1, "Pad");
        TensorType x = inputs.get(0);
        if (x.rank() > 0 && x.dim(0) == Shape.UNKNOWN && before.get(0) + after.get(0) != 0) {
            throw new IllegalArgumentException("padding the batch dimension is not supported");
        }
        return LayerRules.one(x.dtype(), Rearrangements.padShape(x.shape(), paddings()));
    }

    @Override
    public List<Tensor> evaluate(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        return List.of(Rearrangements.pad(x, paddings(), Tensor.builder(x.dtype(), Shape.scalar()).setDouble(0, value).build()));
    }

    @Override
    public String describe() {
        return "Pad before=" + before + " after=" + after + (value != 0 ? " value=" + value : "");
    }

    @Override
    public Traits traits() {
        return Traits.copying(value == 0);
    }
}
