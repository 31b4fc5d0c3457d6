package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.DType;
import io.nnport.ir.Tensor;
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
        DType target = node.typeAttr("DstT");
        if (inputs.get(0).dtype() == DType.STRING || target == DType.STRING) {
            throw node.error("cannot cast " + inputs.get(0).dtype() + " to " + target);
        }
        return Rules.one(target, inputs.get(0).shape());
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        TensorInfo out = infer(node, Rules.infos(inputs)).get(0);
        Tensor x = inputs.get(0);
        Tensor.Builder y = Tensor.builder(out.dtype(), x.shape());
        for (int i = 0; i < x.size(); i++) {
            if (out.dtype() == DType.BOOL) {
                y.setBool(i, x.getDouble(i) != 0);
            } else if (x.dtype().isInteger() || x.dtype() == DType.BOOL) {
                y.setLong(i, x.getLong(i));
            } else {
                y.setDouble(i, x.getDouble(i));
            }
        }
        return Rules.one(y.build());
    }

    @Override
    public String toString() {
        return "cast";
    }
}
