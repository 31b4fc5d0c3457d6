package io.nnport.ir.layers;

import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.eval.Reductions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * <b>LayerNorm</b> over the axes from {@code axis} on: each row of {@code n} = their product
 * elements becomes {@code (x - mean) / sqrt(var + epsilon) * scale + bias} ({@link Reductions#layerNorm};
 * ONNX's LayerNormalization, PyTorch's nn.LayerNorm). {@code scale} and {@code bias} (null: none)
 * hold {@code n} elements (the normalized axes' shape). Shape rule: x's.
 * Rejected: non-float32 input, {@code axis} 0 (the batch) or past the last axis, a scale or bias of
 * another size than {@code n}.
 */
public record LayerNormLayer(int axis, float epsilon, Tensor scale, Tensor bias) implements Layer {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    /** The elements normalized together: the product of the dimensions from {@code axis} on. */
    public int features(Shape shape) {
        int n = 1;
        for (int d : Arrays.copyOfRange(shape.dims(), axis, shape.rank())) {
            n *= d;
        }
        return n;
    }

    @Override
    public List<TensorType> outputTypes(List<TensorType> inputs) {
        LayerRules.arity(inputs, 1, "LayerNorm");
        TensorType x = inputs.get(0);
        LayerRules.requireFloat(x, "LayerNorm");
        if (axis < 1 || axis >= x.rank()) {
            throw new IllegalArgumentException("LayerNorm axis " + axis + " must be in [1, " + x.rank() + ") of " + x.shape());
        }
        int n = features(x.shape());
        if (scale.size() != n || bias != null && bias.size() != n) {
            throw new IllegalArgumentException("LayerNorm over " + n + " elements has a scale " + scale.shape()
                    + (bias == null ? "" : " and a bias " + bias.shape()));
        }
        return LayerRules.one(x);
    }

    @Override
    public List<Tensor> evaluate(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        return List.of(Reductions.layerNorm(x, features(x.shape()), epsilon, scale, bias));
    }

    @Override
    public String describe() {
        return "LayerNorm axis=" + axis + " eps=" + epsilon + (bias == null ? "" : " +bias");
    }

    @Override
    public Traits traits() {
        return new Traits(false, Traits.InPlace.FIRST, false, false, false);
    }

    @Override
    public Map<String, Tensor> constants() {
        return LayerRules.named("scale", scale, "bias", bias);
    }
}
