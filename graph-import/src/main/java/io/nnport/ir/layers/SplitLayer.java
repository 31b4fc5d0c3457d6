package io.nnport.ir.layers;

import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.eval.Rearrangements;
import java.util.ArrayList;
import java.util.List;

/**
 * <b>Split</b>: x cut along {@code axis} into parts of {@code sizes} (which add up to the axis
 * length), one output each; with {@code squeeze} each part also loses the axis (Unpack).
 *
 * <p>Evaluation: {@link Rearrangements#split}. Rejected: the batch axis 0 of a batched input, sizes
 * that do not add up.
 */
public record SplitLayer(int axis, List<Integer> sizes, boolean squeeze) implements Layer {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    public SplitLayer {
        sizes = List.copyOf(sizes);
    }

    @Override
    public List<TensorType> outputTypes(List<TensorType> inputs) {
        LayerRules.arity(inputs, 1, "Split");
        TensorType x = inputs.get(0);
        if (axis == 0 && x.rank() > 0 && x.dim(0) == Shape.UNKNOWN) {
            throw new IllegalArgumentException("Split along the batch axis 0 is not supported");
        }
        if (x.rank() <= axis || x.dim(axis) != sizes.stream().mapToInt(Integer::intValue).sum()) {
            throw new IllegalArgumentException("sizes " + sizes + " do not split axis " + axis + " of " + x.shape());
        }
        List<TensorType> out = new ArrayList<>();
        for (int size : sizes) {
            Shape part = x.shape().withDim(axis, size);
            out.add(new TensorType(x.dtype(), squeeze ? LayerRules.remove(part, axis) : part));
        }
        return out;
    }

    @Override
    public List<Tensor> evaluate(List<Tensor> inputs) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor part : Rearrangements.split(inputs.get(0), axis, sizes.stream().mapToInt(Integer::intValue).toArray())) {
            out.add(squeeze ? part.reshape(LayerRules.remove(part.shape(), axis)) : part);
        }
        return out;
    }

    @Override
    public String describe() {
        return (squeeze ? "Unpack" : "Split") + " axis=" + axis + " sizes=" + sizes;
    }

    @Override
    public Traits traits() {
        return Traits.copying(true);
    }
}
