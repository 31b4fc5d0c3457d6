package io.nnport.ir.layers;

import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.eval.Reductions;
import java.util.List;

/**
 * <b>ArgMax</b>: the index of the first maximum along {@code axis}, which is removed; output
 * int32 or int64 ({@code outputType}) ({@link Reductions#reduce}). Rejected: non-numeric input,
 * the dynamic batch axis 0.
 */
public record ArgMaxLayer(int axis, DType outputType) implements Layer {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public List<TensorType> outputTypes(List<TensorType> inputs) {
        LayerRules.arity(inputs, 1, "ArgMax");
        if (axis == 0 && inputs.get(0).rank() > 0 && inputs.get(0).dim(0) == Shape.UNKNOWN) {
            throw new IllegalArgumentException("ArgMax over the dynamic batch dimension is not supported");
        }
        TensorType x = inputs.get(0);
        if (!x.dtype().isNumeric()) {
            throw new IllegalArgumentException("ArgMax does not accept " + x.dtype() + " inputs");
        }
        return LayerRules.one(outputType, Reductions.outputShape(x.shape(), new long[] {axis}, false));
    }

    @Override
    public List<Tensor> evaluate(List<Tensor> inputs) {
        return List.of(Reductions.reduce(Reductions.Kind.ARG_MAX, inputs.get(0), new long[] {axis}, false, outputType));
    }

    @Override
    public String describe() {
        return "ArgMax axis=" + axis + " " + outputType;
    }

    @Override
    public Traits traits() {
        return new Traits(false, Traits.InPlace.NONE, false, false, true);
    }
}
