package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
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
        int[] out = new int[params.rank() - 1 + indices.rank()];
        int o = 0;
        for (int d = 0; d < axis; d++) {
            out[o++] = params.dim(d);
        }
        for (int d = 0; d < indices.rank(); d++) {
            out[o++] = indices.dim(d);
        }
        for (int d = axis + 1; d < params.rank(); d++) {
            out[o++] = params.dim(d);
        }
        return Rules.one(inputs.get(0).dtype(), Shape.of(out));
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        Shape outShape = Rules.outputShape(this, node, inputs);
        Tensor params = inputs.get(0);
        Tensor indices = inputs.get(1);
        int axis = v2 ? Rules.axis(node, inputs.get(2).getLong(0), params.rank()) : 0;
        int[] dims = params.shape().dims();
        int outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= dims[d];
        }
        int inner = 1;
        for (int d = axis + 1; d < dims.length; d++) {
            inner *= dims[d];
        }
        Tensor.Builder y = Rules.builder(node, params.dtype(), outShape);
        int o = 0;
        for (int block = 0; block < outer; block++) {
            for (int i = 0; i < indices.size(); i++) {
                long index = indices.getLong(i);
                if (index < 0 || index >= dims[axis]) {
                    throw node.error("index " + index + " is outside [0, " + dims[axis] + ")");
                }
                for (int k = 0; k < inner; k++) {
                    y.copy(o++, params, (block * dims[axis] + (int) index) * inner + k);
                }
            }
        }
        return Rules.one(y.build());
    }

    @Override
    public String toString() {
        return v2 ? "gather v2" : "gather";
    }
}
