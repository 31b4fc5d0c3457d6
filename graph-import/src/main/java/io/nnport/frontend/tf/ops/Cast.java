package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.Tensor;
import io.nnport.ir.eval.Elementwise;
import java.util.List;

/**
 * Cast: converts each element to attr {@code DstT}; shape unchanged. float to integer truncates
 * toward zero; integer narrowing (int64 to int32) keeps the low 32 bits; anything to bool is
 * {@code x != 0}; bool to a number is 0 or 1. Rejected: string on either side.
 */
public record Cast() implements OpSemantics {

    @Override
    public List<TensorInfo> infer(Node node, List<TensorInfo> inputs) {
        Rules.arity(node, inputs, 1);
        return Rules.one(Rules.at(node, () -> Elementwise.castType(Rules.type(inputs.get(0)), node.typeAttr("DstT"))));
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        Rules.arity(node, inputs, 1);
        return Rules.one(Rules.at(node, () -> Elementwise.cast(inputs.get(0), node.typeAttr("DstT"))));
    }

    @Override
    public String toString() {
        return "cast";
    }
}
