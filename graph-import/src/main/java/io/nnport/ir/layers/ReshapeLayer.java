package io.nnport.ir.layers;

import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import java.util.List;

/**
 * <b>Reshape</b>: the same elements in the same order under {@code shape}, whose dimension 0 is
 * -1 exactly when the value carries the dynamic batch (then the rest is per-sample). No copy: the
 * output is the input's storage ({@link Traits#alias()}).
 *
 * <p>Also what squeezing and expanding dimensions become. Rejected: a per-sample element count that differs, a batched
 * input reshaped to a fixed shape or the reverse (the batch must stay dimension 0).
 */
public record ReshapeLayer(Shape shape) implements Layer {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    public ReshapeLayer {
        int[] dims = shape.dims();
        for (int d = 1; d < dims.length; d++) {
            if (dims[d] < 0) {
                throw new IllegalArgumentException("reshape target " + shape + " has an unknown dimension other than the batch");
            }
        }
    }

    @Override
    public List<TensorType> outputTypes(List<TensorType> inputs) {
        LayerRules.arity(inputs, 1, "Reshape");
        TensorType x = inputs.get(0);
        boolean xBatched = x.rank() > 0 && x.dim(0) == Shape.UNKNOWN;
        boolean yBatched = shape.rank() > 0 && shape.dim(0) == Shape.UNKNOWN;
        if (xBatched != yBatched) {
            throw new IllegalArgumentException("reshape of " + x.shape() + " to " + shape + " would move the batch out of dimension 0");
        }
        if (perSample(x.shape()) != perSample(shape)) {
            throw new IllegalArgumentException("cannot reshape " + x.shape() + " to " + shape);
        }
        return LayerRules.one(new TensorType(x.dtype(), shape));
    }

    private static long perSample(Shape s) {
        long n = 1;
        for (int d : s.dims()) {
            n *= d == Shape.UNKNOWN ? 1 : d;
        }
        return n;
    }

    @Override
    public List<Tensor> evaluate(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        Shape target = shape.rank() > 0 && shape.dim(0) == Shape.UNKNOWN
                ? shape.withDim(0, (int) (x.size() / perSample(shape))) : shape;
        return List.of(x.reshape(target));
    }

    @Override
    public String describe() {
        return "Reshape " + shape;
    }

    @Override
    public Traits traits() {
        return new Traits(false, Traits.InPlace.NONE, true, true, true);
    }
}
