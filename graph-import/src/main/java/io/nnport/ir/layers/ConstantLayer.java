package io.nnport.ir.layers;

import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import java.util.List;
import java.util.Map;

/**
 * <b>Constant</b>: a constant tensor used as a runtime operand (e.g. a zero LSTM state concatenated
 * with an input); no inputs. Its value is its evaluation.
 */
public record ConstantLayer(Tensor value) implements Layer {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public List<TensorType> outputTypes(List<TensorType> inputs) {
        LayerRules.arity(inputs, 0, "Constant");
        return LayerRules.one(new TensorType(value.dtype(), value.shape()));
    }

    @Override
    public List<Tensor> evaluate(List<Tensor> inputs) {
        return List.of(value);
    }

    @Override
    public String describe() {
        return "Constant " + value.dtype() + value.shape();
    }

    @Override
    public Traits traits() {
        return new Traits(false, Traits.InPlace.NONE, false, false, true);
    }

    @Override
    public Map<String, Tensor> constants() {
        return LayerRules.named("value", value);
    }
}
