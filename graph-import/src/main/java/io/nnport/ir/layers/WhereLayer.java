package io.nnport.ir.layers;

import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.eval.Elementwise;
import java.util.List;

/**
 * <b>Where</b>: {@code z[i] = condition[i] ? x[i] : y[i]}, the three inputs {@code (condition, x, y)}
 * broadcast together NumPy-style (how attention masks turn padding into {@code -inf}). The condition
 * is bool; x and y share any dtype but string, which is the result's. Rejected: shapes that do not
 * broadcast, a non-bool condition, x and y of different dtypes.
 */
public record WhereLayer() implements Layer {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public List<TensorType> outputTypes(List<TensorType> inputs) {
        LayerRules.arity(inputs, 3, "Where");
        TensorType condition = inputs.get(0);
        TensorType x = inputs.get(1);
        TensorType y = inputs.get(2);
        if (condition.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("the condition must be bool, not " + condition.dtype());
        }
        if (x.dtype() != y.dtype() || x.dtype() == DType.STRING) {
            throw new IllegalArgumentException("the chosen values must share a numeric or bool dtype: " + x.dtype() + " and " + y.dtype());
        }
        Shape shape = Elementwise.broadcast(Elementwise.broadcast(condition.shape(), x.shape()), y.shape());
        return LayerRules.one(x.dtype(), shape);
    }

    @Override
    public List<Tensor> evaluate(List<Tensor> inputs) {
        Tensor condition = inputs.get(0);
        Tensor x = inputs.get(1);
        Tensor y = inputs.get(2);
        Shape shape = Elementwise.broadcast(Elementwise.broadcast(condition.shape(), x.shape()), y.shape());
        int[] ci = Elementwise.broadcastIndex(condition.shape(), shape);
        int[] xi = Elementwise.broadcastIndex(x.shape(), shape);
        int[] yi = Elementwise.broadcastIndex(y.shape(), shape);
        Tensor.Builder z = Tensor.builder(x.dtype(), shape);
        for (int i = 0; i < z.size(); i++) {
            boolean takeX = condition.getBool(ci[i]);
            Tensor chosen = takeX ? x : y;
            int at = takeX ? xi[i] : yi[i];
            switch (x.dtype()) {
                case BOOL -> z.setBool(i, chosen.getBool(at));
                case INT32, INT64 -> z.setLong(i, chosen.getLong(at));
                default -> z.setDouble(i, chosen.getDouble(at));
            }
        }
        return List.of(z.build());
    }

    @Override
    public String describe() {
        return "Where";
    }

    @Override
    public Traits traits() {
        return new Traits(true, Traits.InPlace.NONE, false, false, true);
    }
}
