package io.nnport.ir.layers;

import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.eval.Products;
import java.util.List;

/**
 * <b>BatchMatMul</b>: two runtime operands of rank &gt;= 2, {@code c[..., m, n] = sum_k
 * a[..., m, k] b[..., k, n]} with optional transposes of either (adj_x, adj_y) and NumPy
 * broadcasting of the leading dimensions.
 *
 * <p>Defaults: no transposes. Shape rule: {@code [...broadcast batch..., M, N]}. Evaluation:
 * {@link Products#matmul} (double sums). Rejected: rank below 2, inner sizes that differ, leading
 * dimensions that do not broadcast, non-float32 operands.
 */
public record BatchMatMulLayer(boolean adjX, boolean adjY) implements Layer {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public List<TensorType> outputTypes(List<TensorType> inputs) {
        LayerRules.arity(inputs, 2, "BatchMatMul");
        LayerRules.requireFloat(inputs.get(0), "BatchMatMul");
        LayerRules.requireFloat(inputs.get(1), "BatchMatMul");
        return LayerRules.one(DType.FLOAT32, Products.outputShape(inputs.get(0).shape(), inputs.get(1).shape(), adjX, adjY));
    }

    @Override
    public List<Tensor> evaluate(List<Tensor> inputs) {
        return List.of(Products.matmul(inputs.get(0), inputs.get(1), adjX, adjY));
    }

    @Override
    public String describe() {
        return "BatchMatMul" + (adjX ? " adj_x" : "") + (adjY ? " adj_y" : "");
    }

    @Override
    public Traits traits() {
        return Traits.computing();
    }
}
