package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * TensorFlow 1 conditional dataflow (what {@code tf.cond} and Keras' learning-phase switches
 * lower to), with TensorFlow's dead-tensor semantics.
 *
 * <ul>
 * <li><b>SWITCH</b> (Switch): inputs (data, pred bool scalar); output 0 (false branch) carries data
 *     when pred is false, output 1 (true branch) when true; the other output is dead. Every op
 *     downstream of a dead tensor (data or control input) is dead and does not run.</li>
 * <li><b>MERGE</b> (Merge): N inputs, of which one is live; outputs (that value, its index as an
 *     int32 scalar). Runs even though the others are dead; dead only if all are.</li>
 * </ul>
 *
 * <p>Shape rule: Switch outputs have data's shape; Merge's is its inputs' common shape (dimensions
 * that differ become unknown). Rejected: a non-bool or non-scalar pred, Merge inputs of different
 * dtypes, a Merge with more than one live input.
 */
public record Control(boolean merge) implements OpSemantics {

    @Override
    public List<TensorInfo> infer(Node node, List<TensorInfo> inputs) {
        if (!merge) {
            Rules.arity(node, inputs, 2);
            if (inputs.get(1).dtype() != DType.BOOL || (inputs.get(1).shape().hasRank() && inputs.get(1).shape().rank() != 0)) {
                throw node.error("pred must be a bool scalar, is " + inputs.get(1).dtype() + inputs.get(1).shape());
            }
            TensorInfo data = TensorInfo.of(inputs.get(0).dtype(), inputs.get(0).shape());
            return List.of(data, data);
        }
        Rules.minArity(node, inputs, 1);
        DType dtype = inputs.get(0).dtype();
        Shape shape = inputs.get(0).shape();
        for (TensorInfo input : inputs) {
            if (input.dtype() != dtype) {
                throw node.error("inputs mix " + dtype + " and " + input.dtype());
            }
            shape = common(shape, input.shape());
        }
        return List.of(TensorInfo.of(dtype, shape), TensorInfo.of(DType.INT32, Shape.scalar()));
    }

    private static Shape common(Shape a, Shape b) {
        if (!a.hasRank() || !b.hasRank() || a.rank() != b.rank()) {
            return Shape.unknownRank();
        }
        int[] dims = a.dims();
        for (int d = 0; d < dims.length; d++) {
            if (dims[d] != b.dim(d)) {
                dims[d] = Shape.UNKNOWN;
            }
        }
        return Shape.of(dims);
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        if (!merge) {
            infer(node, Rules.infos(inputs));
            List<Tensor> out = new ArrayList<>(List.of(inputs.get(0), inputs.get(0)));
            out.set(inputs.get(1).getBool(0) ? 0 : 1, null);
            return out;
        }
        int live = -1;
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i) != null) {
                if (live >= 0) {
                    throw node.error("inputs " + live + " and " + i + " are both live; a Merge expects one");
                }
                live = i;
            }
        }
        if (live < 0) {
            List<Tensor> dead = new ArrayList<>();
            dead.add(null);
            dead.add(null);
            return dead;
        }
        return List.of(inputs.get(live), Tensor.scalarInt(live));
    }

    @Override
    public boolean acceptsDeadInputs() {
        return merge;
    }

    @Override
    public String toString() {
        return merge ? "merge" : "switch";
    }
}
