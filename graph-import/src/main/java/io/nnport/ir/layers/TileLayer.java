package io.nnport.ir.layers;

import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.eval.Rearrangements;
import java.util.List;

/**
 * <b>Tile</b>: x repeated {@code multiples[d]} times along each dimension d
 * ({@link Rearrangements#tile}). Rejected: negative multiples, tiling the dynamic batch dimension.
 */
public record TileLayer(List<Integer> multiples) implements Layer {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    public TileLayer {
        multiples = List.copyOf(multiples);
    }

    @Override
    public List<TensorType> outputTypes(List<TensorType> inputs) {
        LayerRules.arity(inputs, 1, "Tile");
        TensorType x = inputs.get(0);
        if (x.rank() > 0 && x.dim(0) == Shape.UNKNOWN && multiples.get(0) != 1) {
            throw new IllegalArgumentException("tiling the batch dimension is not supported");
        }
        return LayerRules.one(x.dtype(), Rearrangements.tileShape(x.shape(), LayerRules.longs(multiples)));
    }

    @Override
    public List<Tensor> evaluate(List<Tensor> inputs) {
        return List.of(Rearrangements.tile(inputs.get(0), LayerRules.longs(multiples)));
    }

    @Override
    public String describe() {
        return "Tile " + multiples;
    }

    @Override
    public Traits traits() {
        return Traits.copying(true);
    }
}
