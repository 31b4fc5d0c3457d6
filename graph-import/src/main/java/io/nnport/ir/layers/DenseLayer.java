package io.nnport.ir.layers;

import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.eval.Products;
import java.util.List;
import java.util.Map;

/**
 * <b>Dense</b>: x {@code [N,K]}, weights {@code [K,M]}, {@code y[n,m] = epilogue(sum_k x[n,k] w[k,m])}.
 *
 * <p>Shape rule: {@code [N, M]}. Evaluation: {@link Products#matmul} (double sums), then the
 * epilogue. Rejected: rank other than 2, inner sizes that differ, non-float32 input.
 */
public record DenseLayer(Tensor weights, Epilogue epilogue) implements Layer, EpilogueHost {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    public int units() {
        return weights.shape().dim(1);
    }

    @Override
    public List<TensorType> outputTypes(List<TensorType> inputs) {
        LayerRules.arity(inputs, 1, "Dense");
        LayerRules.checkChannels(epilogue, units(), "Dense");
        TensorType x = inputs.get(0);
        LayerRules.requireFloat(x, "Dense");
        if (x.rank() != 2) {
            throw new IllegalArgumentException("Dense input must have rank 2, is " + x.shape());
        }
        return LayerRules.one(DType.FLOAT32, Products.outputShape(x.shape(), weights.shape(), false, false));
    }

    @Override
    public List<Tensor> evaluate(List<Tensor> inputs) {
        return List.of(epilogue.applyTo(Products.matmul(inputs.get(0), weights, false, false)));
    }

    @Override
    public String describe() {
        return "Dense " + weights.shape().dim(0) + "->" + units() + LayerRules.suffix(epilogue);
    }

    @Override
    public Traits traits() {
        return LayerRules.epilogueTraits(epilogue);
    }

    @Override
    public Map<String, Tensor> constants() {
        return LayerRules.withEpilogue(LayerRules.named("weights", weights), epilogue);
    }

    @Override
    public Layer withEpilogue(Epilogue e) {
        return new DenseLayer(weights, e);
    }
}
