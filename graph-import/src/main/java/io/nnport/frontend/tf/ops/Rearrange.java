package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.eval.Rearrangements;
import java.util.List;

/**
 * Ops that move elements to new positions; any dtype.
 *
 * <ul>
 * <li><b>TRANSPOSE</b> (Transpose): inputs (x, perm 1-D), {@code y.shape[i] = x.shape[perm[i]]},
 *     {@code y[c] = x[c permuted back]}. Rejected: perm that is not a permutation of 0..rank-1.</li>
 * <li><b>TILE</b> (Tile): inputs (x, multiples 1-D of length rank), {@code y.shape[i] =
 *     x.shape[i] * multiples[i]}, {@code y[c] = x[c mod x.shape]}. Rejected: negative
 *     multiples, wrong length.</li>
 * <li><b>PAD</b> (Pad, PadV2): inputs (x, paddings {@code [rank,2]}, and for PadV2 a scalar
 *     constant_values, else 0); {@code y.shape[i] = before[i] + x.shape[i] + after[i]}. Rejected:
 *     negative paddings.</li>
 * </ul>
 *
 * <p>Shape rules need perm, multiples, paddings as constants; unknown dimensions (the batch) stay
 * unknown. Shape rules and evaluation: the core's {@link Rearrangements}.
 */
public record Rearrange(Kind kind) implements OpSemantics {

    public enum Kind { TRANSPOSE, TILE, PAD }

    @Override
    public List<TensorInfo> infer(Node node, List<TensorInfo> inputs) {
        if (kind == Kind.PAD) {
            if (inputs.size() != 2 && inputs.size() != 3) {
                throw node.error("expects 2 or 3 inputs, has " + inputs.size());
            }
            if (inputs.size() == 3 && inputs.get(2).dtype() != inputs.get(0).dtype()) {
                throw node.error("constant_values must be " + inputs.get(0).dtype());
            }
        } else {
            Rules.arity(node, inputs, 2);
        }
        DType dtype = inputs.get(0).dtype();
        Shape x = inputs.get(0).shape();
        long[] arg = Rules.constLongs(inputs, 1);
        if (arg == null || !x.hasRank()) {
            int rank = x.hasRank() ? x.rank() : inputs.get(1).shape().hasRank() ? inputs.get(1).shape().dim(0) : Shape.UNKNOWN;
            return Rules.one(dtype, rank == Shape.UNKNOWN ? Shape.unknownRank() : Shape.unknownDims(rank));
        }
        return Rules.one(dtype, Rules.at(node, () -> switch (kind) {
            case TRANSPOSE -> Rearrangements.transposeShape(x, arg);
            case TILE -> Rearrangements.tileShape(x, arg);
            case PAD -> Rearrangements.padShape(x, arg);
        }));
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        infer(node, Rules.infos(inputs));
        Tensor x = inputs.get(0);
        long[] arg = inputs.get(1).longs();
        return Rules.one(Rules.at(node, () -> switch (kind) {
            case TRANSPOSE -> Rearrangements.transpose(x, arg);
            case TILE -> Rearrangements.tile(x, arg);
            case PAD -> Rearrangements.pad(x, arg, inputs.size() == 3 ? inputs.get(2) : null);
        }));
    }

    @Override
    public String toString() {
        return "rearrange " + kind;
    }
}
