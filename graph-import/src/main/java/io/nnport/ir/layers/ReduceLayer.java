package io.nnport.ir.layers;

import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.eval.Reductions;
import java.util.List;

/**
 * <b>Reduce</b>: sum, mean, product, max or min over {@code axes} (non-negative, sorted), which
 * are removed, or kept as 1 with {@code keepDims}. Sums and products in double.
 *
 * <p>Evaluation: {@link Reductions#reduce} (an empty set gives 0, 1, NaN, -inf, +inf). Rejected:
 * non-numeric input, reducing the dynamic batch axis 0.
 */
public record ReduceLayer(Kind kind, List<Integer> axes, boolean keepDims) implements Layer {
    /** The reductions of {@link Reduce}. */
    public enum Kind { SUM, MEAN, PROD, MAX, MIN }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    public ReduceLayer {
        axes = List.copyOf(axes);
    }

    @Override
    public List<TensorType> outputTypes(List<TensorType> inputs) {
        LayerRules.arity(inputs, 1, "Reduce");
        TensorType x = inputs.get(0);
        if (axes.contains(0) && x.rank() > 0 && x.dim(0) == Shape.UNKNOWN) {
            throw new IllegalArgumentException("reducing over the dynamic batch dimension is not supported");
        }
        if (!x.dtype().isNumeric()) {
            throw new IllegalArgumentException("Reduce does not accept " + x.dtype() + " inputs");
        }
        return LayerRules.one(x.dtype(), Reductions.outputShape(x.shape(), LayerRules.longs(axes), keepDims));
    }

    @Override
    public List<Tensor> evaluate(List<Tensor> inputs) {
        return List.of(Reductions.reduce(Reductions.Kind.valueOf(kind.name()), inputs.get(0), LayerRules.longs(axes), keepDims, null));
    }

    @Override
    public String describe() {
        return "Reduce " + kind.name().toLowerCase(java.util.Locale.ROOT) + " axes=" + axes + (keepDims ? " keep_dims" : "");
    }

    @Override
    public Traits traits() {
        boolean exact = kind == Kind.MAX || kind == Kind.MIN;
        return new Traits(false, Traits.InPlace.NONE, false, kind != Kind.PROD, exact);
    }
}
