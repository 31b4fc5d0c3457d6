package io.nnport.ir.layers;

import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import java.util.List;
import java.util.Map;

/**
 * <b>BatchNorm</b>: a per-channel affine map on the last axis followed by an optional clamp and
 * activation: {@code y[..., c] = act(x[..., c] * scale[c] + shift[c])} (the {@link Epilogue}
 * formula).
 *
 * <p>An inference batch norm folds into it as {@code scale = gamma / sqrt(variance + epsilon)},
 * {@code shift = beta - mean * scale}. Shape rule: x's. Evaluation: {@link Epilogue#applyTo}.
 * Rejected: channels that differ from the parameters' length, non-float32 input, rank 0.
 */
public record BatchNormLayer(Epilogue epilogue) implements Layer, EpilogueHost {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public List<TensorType> outputTypes(List<TensorType> inputs) {
        LayerRules.arity(inputs, 1, "BatchNorm");
        TensorType x = inputs.get(0);
        if (x.dtype() != DType.FLOAT32 || x.rank() < 1) {
            throw new IllegalArgumentException("BatchNorm needs a float32 input of rank >= 1, has " + x);
        }
        LayerRules.checkChannels(epilogue, x.dim(-1), "BatchNorm");
        return LayerRules.one(x);
    }

    @Override
    public List<Tensor> evaluate(List<Tensor> inputs) {
        return List.of(epilogue.applyTo(inputs.get(0)));
    }

    @Override
    public String describe() {
        return "BatchNorm" + LayerRules.suffix(epilogue);
    }

    @Override
    public Traits traits() {
        return new Traits(true, Traits.InPlace.FIRST, false, epilogue.preservesZero(), false);
    }

    @Override
    public Map<String, Tensor> constants() {
        return LayerRules.withEpilogue(Map.of(), epilogue);
    }

    @Override
    public Layer withEpilogue(Epilogue e) {
        return new BatchNormLayer(e);
    }
}
