package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.eval.Rearrangements;
import java.util.List;

/**
 * Gathering slices by index (embeddings): any params dtype, int32/int64 indices.
 *
 * <ul>
 * <li><b>V2</b> (GatherV2): inputs (params, indices, axis scalar); attr {@code batch_dims} must be
 *     0.</li>
 * <li><b>V1</b> (Gather): inputs (params, indices); axis 0.</li>
 * </ul>
 *
 * <p>{@code y.shape = params.shape[:axis] + indices.shape + params.shape[axis+1:]},
 * {@code y[a, i, b] = params[a, indices[i], b]}. Rejected: an index outside
 * {@code [0, params.shape[axis])} (TensorFlow's CPU kernel rejects it too), batch_dims other than 0.
 */
public record Gather(boolean v2) implements OpSemantics {

    @Override
    public List<TensorInfo> infer(Node node, List<TensorInfo> inputs) {
        Rules.arity(node, inputs, v2 ? 3 : 2);
        if (node.intAttr("batch_dims", 0) != 0) {
            throw node.error("batch_dims=" + node.intAttr("batch_dims") + " is not supported (0 only)");
        }
        if (!inputs.get(1).dtype().isInteger()) {
            throw node.error("indices must be int32 or int64, are " + inputs.get(1).dtype());
        }
        Shape params = inputs.get(0).shape();
        Shape indices = inputs.get(1).shape();
        long[] axisValue = v2 ? Rules.constLongs(inputs, 2) : new long[] {0};
        if (!params.hasRank() || !indices.hasRank() || axisValue == null) {
            return Rules.one(inputs.get(0).dtype(), Shape.unknownRank());
        }
        int axis = Rules.axis(node, axisValue[0], params.rank());
        return Rules.one(inputs.get(0).dtype(), Rearrangements.gatherShape(params, indices, axis));
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        infer(node, Rules.infos(inputs));
        Tensor params = inputs.get(0);
        int axis = v2 ? Rules.axis(node, inputs.get(2).getLong(0), params.rank()) : 0;
        return Rules.one(Rules.at(node, () -> Rearrangements.gather(params, inputs.get(1), axis)));
    }

    @Override
    public String toString() {
        return v2 ? "gather v2" : "gather";
    }
}
