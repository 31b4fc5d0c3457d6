package io.nnport.ir.layers;

import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.eval.BinaryFn;
import io.nnport.ir.eval.Elementwise;
import java.util.List;
import java.util.Map;

/**
 * <b>PReLU</b>: {@code y = x > 0 ? x : alpha * x}, alpha a constant broadcast against x's
 * per-sample shape (NumPy rules; Keras' default alpha has the input's shape without the batch).
 *
 * <p>Evaluation: {@code alpha * x} by {@link Elementwise#binary} where x is not positive (0 and
 * -0 stay). Rejected: an alpha that does not broadcast to x's shape, non-float32 input.
 */
public record PReLULayer(Tensor alpha) implements Layer {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public List<TensorType> outputTypes(List<TensorType> inputs) {
        LayerRules.arity(inputs, 1, "PReLU");
        LayerRules.requireFloat(inputs.get(0), "PReLU");
        TensorType y = Elementwise.binaryType(BinaryFn.MUL, inputs.get(0), TensorType.of(alpha));
        if (!y.shape().equals(inputs.get(0).shape())) {
            throw new IllegalArgumentException("alpha " + alpha.shape() + " would broadcast input " + inputs.get(0).shape() + " to " + y.shape());
        }
        return LayerRules.one(y);
    }

    @Override
    public List<Tensor> evaluate(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        float[] scaled = Elementwise.binary(BinaryFn.MUL, x, alpha).floats();
        float[] y = x.floats();
        for (int i = 0; i < y.length; i++) {
            if (!(y[i] > 0)) {
                y[i] = y[i] == 0 ? y[i] : scaled[i];
            }
        }
        return List.of(Tensor.ofFloats(x.shape(), y));
    }

    @Override
    public String describe() {
        return "PReLU alpha" + alpha.shape();
    }

    @Override
    public Traits traits() {
        return new Traits(true, Traits.InPlace.FIRST, false, true, false);
    }

    @Override
    public Map<String, Tensor> constants() {
        return LayerRules.named("alpha", alpha);
    }
}
