package io.nnport.ir.layers;

import io.nnport.ir.DType;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.eval.Reductions;
import java.util.List;

/**
 * <b>GlobalPool</b>: mean or max over H and W of x {@code [N,H,W,C]}: {@code [N,C]}, or
 * {@code [N,1,1,C]} with {@code keepDims}.
 *
 * <p>Evaluation: {@link Reductions#reduce} over axes 1 and 2 (sums in double). Rejected: an input
 * that is not float32 {@code [N,H,W,C]}.
 */
public record GlobalPoolLayer(PoolLayer.Kind kind, boolean keepDims) implements Layer {
    /** H and W of NHWC. */
    private static final long[] SPATIAL_AXES = {1, 2};

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public List<TensorType> outputTypes(List<TensorType> inputs) {
        LayerRules.arity(inputs, 1, "GlobalPool");
        if (inputs.get(0).rank() != 4 || inputs.get(0).dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException("GlobalPool needs a float32 [N,H,W,C] input, has " + inputs.get(0));
        }
        return LayerRules.one(DType.FLOAT32, Reductions.outputShape(inputs.get(0).shape(), SPATIAL_AXES, keepDims));
    }

    @Override
    public List<Tensor> evaluate(List<Tensor> inputs) {
        return List.of(Reductions.reduce(kind == PoolLayer.Kind.MAX ? Reductions.Kind.MAX : Reductions.Kind.MEAN, inputs.get(0),
                SPATIAL_AXES, keepDims, null));
    }

    @Override
    public String describe() {
        return "Global" + (kind == PoolLayer.Kind.MAX ? "Max" : "Avg") + "Pool2D" + (keepDims ? " keep_dims" : "");
    }

    @Override
    public Traits traits() {
        return new Traits(false, Traits.InPlace.NONE, false, true, kind == PoolLayer.Kind.MAX);
    }
}
