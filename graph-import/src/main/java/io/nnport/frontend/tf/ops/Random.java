package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.util.List;

/**
 * Random number generators (RandomUniform, RandomStandardNormal, TruncatedNormal): inputs (shape
 * 1-D), output of attr {@code dtype} and that shape.
 *
 * <p>Known so that a graph keeping them in a branch inference never takes (TF1 dropout inside a
 * {@code tf.cond} on {@code is_train}, Keras learning-phase switches) imports and runs: the shape
 * rule works, but evaluation is rejected ("random ops are supported only in a branch inference
 * never runs"), since a converted model must be deterministic.
 */
public record Random() implements OpSemantics {

    @Override
    public List<TensorInfo> infer(Node node, List<TensorInfo> inputs) {
        Rules.arity(node, inputs, 1);
        long[] shape = Rules.constLongs(inputs, 0);
        Shape s = inputs.get(0).shape();
        return Rules.one(node.typeAttr("dtype"), shape != null ? Shape.ofLongs(shape)
                : s.hasRank() && s.rank() == 1 && s.dim(0) != Shape.UNKNOWN ? Shape.unknownDims(s.dim(0)) : Shape.unknownRank());
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        throw node.error("random ops are supported only in a branch inference never runs (e.g. dropout under is_train=false)");
    }

    @Override
    public boolean isDeterministic() {
        return false;
    }

    @Override
    public String toString() {
        return "random";
    }
}
