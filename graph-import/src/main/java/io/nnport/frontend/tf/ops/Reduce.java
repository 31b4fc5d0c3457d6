package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.eval.Reductions;
import java.util.List;

/**
 * Reductions over axes.
 *
 * <ul>
 * <li><b>SUM, MEAN, PROD, MAX, MIN</b> (Sum, Mean, Prod, Max, Min): inputs (x, axes int32/int64
 *     scalar or vector, negative axes count from the end, repeats allowed); attr {@code keep_dims}
 *     (default false) keeps reduced axes as size 1. Empty axes: the identity. Sums and products in
 *     double; Mean of integers truncates toward zero as TensorFlow's does. Reducing an empty set
 *     gives 0 (Sum), 1 (Prod), NaN (Mean), -inf/+inf (Max/Min) for floats.</li>
 * <li><b>ARG_MAX, ARG_MIN</b> (ArgMax, ArgMin): inputs (x, axis scalar), the index of the first
 *     maximum (minimum) along the axis, which is removed from the shape; attr {@code output_type}
 *     int64 (default) or int32.</li>
 * </ul>
 *
 * <p>Evaluation: the core's {@link Reductions}. Shape rule: needs the axes as a constant; without it only the rank is known (keep_dims) or
 * nothing. Rejected: axes out of range, non-numeric input.
 */
public record Reduce(Reductions.Kind kind) implements OpSemantics {

    @Override
    public List<TensorInfo> infer(Node node, List<TensorInfo> inputs) {
        Rules.arity(node, inputs, 2);
        Rules.requireNumeric(node, inputs.get(0).dtype());
        Shape x = inputs.get(0).shape();
        DType outType = kind.isArg() ? argType(node) : inputs.get(0).dtype();
        boolean keepDims = keepDims(node);
        long[] axes = Rules.constLongs(inputs, 1);
        if (!x.hasRank()) {
            return Rules.one(outType, Shape.unknownRank());
        }
        if (axes == null) {
            return Rules.one(outType, keepDims ? Shape.unknownDims(x.rank()) : Shape.unknownRank());
        }
        if (kind.isArg() && axes.length != 1) {
            throw node.error("dimension must be a scalar");
        }
        return Rules.one(outType, Rules.at(node, () -> Reductions.outputShape(x, axes, keepDims)));
    }

    private DType argType(Node node) {
        return node.typeAttr("output_type", DType.INT64);
    }

    private boolean keepDims(Node node) {
        return !kind.isArg() && node.boolAttr("keep_dims", false);
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        Rules.arity(node, inputs, 2);
        return Rules.one(Rules.at(node, () -> Reductions.reduce(kind, inputs.get(0), inputs.get(1).longs(), keepDims(node),
                argType(node))));
    }

    @Override
    public String toString() {
        return "reduce " + kind;
    }
}
