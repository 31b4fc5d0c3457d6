package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.util.Arrays;
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
 * unknown.
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
        int rank = x.rank();
        int expected = kind == Kind.PAD ? 2 * rank : rank;
        if (arg.length != expected) {
            throw node.error(argName() + " has " + arg.length + " values for input " + x);
        }
        int[] out = new int[rank];
        boolean[] used = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            switch (kind) {
                case TRANSPOSE -> {
                    if (arg[i] < 0 || arg[i] >= rank || used[(int) arg[i]]) {
                        throw node.error("perm " + Arrays.toString(arg) + " is not a permutation of 0.." + (rank - 1));
                    }
                    used[(int) arg[i]] = true;
                    out[i] = x.dim((int) arg[i]);
                }
                case TILE -> {
                    if (arg[i] < 0) {
                        throw node.error("multiples " + Arrays.toString(arg) + " has a negative value");
                    }
                    out[i] = x.dim(i) == Shape.UNKNOWN ? Shape.UNKNOWN : Math.toIntExact(x.dim(i) * arg[i]);
                }
                case PAD -> {
                    if (arg[2 * i] < 0 || arg[2 * i + 1] < 0) {
                        throw node.error("paddings " + Arrays.toString(arg) + " has a negative value");
                    }
                    out[i] = x.dim(i) == Shape.UNKNOWN ? Shape.UNKNOWN : Math.toIntExact(x.dim(i) + arg[2 * i] + arg[2 * i + 1]);
                }
            }
        }
        return Rules.one(dtype, Shape.of(out));
    }

    private String argName() {
        return switch (kind) {
            case TRANSPOSE -> "perm";
            case TILE -> "multiples";
            case PAD -> "paddings";
        };
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        Shape outShape = Rules.outputShape(this, node, inputs);
        Tensor x = inputs.get(0);
        long[] arg = inputs.get(1).longs();
        int rank = x.rank();
        int[] inDims = x.shape().dims();
        int[] inStrides = x.shape().strides();
        int[] outDims = outShape.dims();
        Tensor.Builder y = Rules.builder(node, x.dtype(), outShape);
        if (kind == Kind.PAD && inputs.size() == 3) {
            for (int i = 0; i < y.size(); i++) {
                y.copy(i, inputs.get(2), 0);
            }
        }
        int[] coords = new int[rank];
        for (int o = 0; o < y.size(); o++) {
            int source = 0;
            boolean inside = true;
            for (int d = 0; d < rank; d++) {
                switch (kind) {
                    case TRANSPOSE -> source += coords[d] * inStrides[(int) arg[d]];
                    case TILE -> source += (coords[d] % inDims[d]) * inStrides[d];
                    case PAD -> {
                        int c = coords[d] - (int) arg[2 * d];
                        inside &= c >= 0 && c < inDims[d];
                        source += c * inStrides[d];
                    }
                }
            }
            if (inside) {
                y.copy(o, x, source);
            }
            for (int d = rank - 1; d >= 0; d--) {
                if (++coords[d] < outDims[d]) {
                    break;
                }
                coords[d] = 0;
            }
        }
        return Rules.one(y.build());
    }

    @Override
    public String toString() {
        return "rearrange " + kind;
    }
}
