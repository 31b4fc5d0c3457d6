package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ops that change or report a shape without touching element order.
 *
 * <ul>
 * <li><b>RESHAPE</b> (Reshape): inputs (x, shape int32/int64 1-D); one entry may be -1, inferred
 *     from the element count. Rejected: two -1s, an element count that does not match.</li>
 * <li><b>SQUEEZE</b> (Squeeze): attr {@code squeeze_dims} (alias {@code axis}; negative allowed);
 *     empty removes every dimension of size 1 (with an unknown dimension, the rank becomes unknown). Rejected: squeezing a
 *     dimension that is not 1.</li>
 * <li><b>EXPAND_DIMS</b> (ExpandDims): inputs (x, axis scalar in [-rank-1, rank]); inserts a 1.</li>
 * <li><b>SHAPE</b> (Shape): x's shape as a 1-D {@code out_type} (int32 default, or int64) tensor;
 *     its value is known before running whenever x's shape is fully known.</li>
 * <li><b>SIZE, RANK</b> (Size, Rank): element count ({@code out_type}) and rank (int32) scalars.</li>
 * </ul>
 *
 * <p>Shape rules keep the unknown batch: {@code Reshape([?,7,7,64], [-1,3136])} is {@code [?,3136]}.
 */
public record ShapeOps(Kind kind) implements OpSemantics {

    public enum Kind { RESHAPE, SQUEEZE, EXPAND_DIMS, SHAPE, SIZE, RANK }

    @Override
    public List<TensorInfo> infer(Node node, List<TensorInfo> inputs) {
        Rules.arity(node, inputs, kind == Kind.RESHAPE || kind == Kind.EXPAND_DIMS ? 2 : 1);
        DType dtype = inputs.get(0).dtype();
        Shape x = inputs.get(0).shape();
        return switch (kind) {
            case RESHAPE -> Rules.one(dtype, reshape(node, x, inputs.get(1)));
            case SQUEEZE -> Rules.one(dtype, squeeze(node, x));
            case EXPAND_DIMS -> Rules.one(dtype, expandDims(node, x, Rules.constLongs(inputs, 1)));
            case SHAPE -> {
                DType outType = node.typeAttr("out_type", DType.INT32);
                if (!x.hasRank()) {
                    yield Rules.one(outType, Shape.unknownDims(1));
                }
                if (!x.isFullyKnown()) {
                    yield Rules.one(outType, Shape.of(x.rank()));
                }
                Tensor.Builder value = Tensor.builder(outType, Shape.of(x.rank()));
                for (int d = 0; d < x.rank(); d++) {
                    value.setLong(d, x.dim(d));
                }
                yield List.of(TensorInfo.of(value.build()));
            }
            case SIZE -> {
                DType outType = node.typeAttr("out_type", DType.INT32);
                if (!x.isFullyKnown()) {
                    yield Rules.one(outType, Shape.scalar());
                }
                yield List.of(TensorInfo.of(Tensor.builder(outType, Shape.scalar()).setLong(0, x.numElements()).build()));
            }
            case RANK -> x.hasRank() ? List.of(TensorInfo.of(Tensor.scalarInt(x.rank())))
                    : Rules.one(DType.INT32, Shape.scalar());
        };
    }

    private static Shape reshape(Node node, Shape x, TensorInfo shapeInput) {
        if (!shapeInput.hasValue()) {
            Shape s = shapeInput.shape();
            return s.hasRank() && s.rank() == 1 && s.dim(0) != Shape.UNKNOWN ? Shape.unknownDims(s.dim(0)) : Shape.unknownRank();
        }
        long[] requested = shapeInput.value().longs();
        int wildcard = -1;
        long known = 1;
        int[] dims = new int[requested.length];
        for (int i = 0; i < requested.length; i++) {
            if (requested[i] == -1) {
                if (wildcard >= 0) {
                    throw node.error("shape " + Arrays.toString(requested) + " has more than one -1");
                }
                wildcard = i;
            } else if (requested[i] < 0 || requested[i] > Integer.MAX_VALUE) {
                throw node.error("shape " + Arrays.toString(requested) + " has an invalid dimension");
            } else {
                known *= requested[i];
                dims[i] = (int) requested[i];
            }
        }
        if (!x.isFullyKnown()) {
            if (wildcard >= 0) {
                dims[wildcard] = Shape.UNKNOWN;
            }
            return Shape.of(dims);
        }
        long size = x.numElements();
        if (wildcard >= 0) {
            if (known == 0 || size % known != 0) {
                throw node.error("cannot reshape " + x + " to " + Arrays.toString(requested));
            }
            dims[wildcard] = (int) (size / known);
        } else if (known != size) {
            throw node.error("cannot reshape " + x + " (" + size + " elements) to " + Arrays.toString(requested));
        }
        return Shape.of(dims);
    }

    private static Shape squeeze(Node node, Shape x) {
        long[] axes = node.hasAttr("squeeze_dims") ? node.intsAttr("squeeze_dims") : node.intsAttr("axis", new long[0]);
        int rank = Rules.rank(node, x, "input");
        boolean[] drop = new boolean[rank];
        for (long axis : axes) {
            int a = Rules.axis(node, axis, rank);
            if (x.dim(a) != 1 && x.dim(a) != Shape.UNKNOWN) {
                throw node.error("cannot squeeze dimension " + axis + " of " + x + ": it is not 1");
            }
            drop[a] = true;
        }
        if (axes.length == 0 && !x.isFullyKnown()) {
            // An unknown dimension might be 1 and vanish: the result's rank is unknown, as in TensorFlow.
            return Shape.unknownRank();
        }
        List<Integer> out = new ArrayList<>();
        for (int d = 0; d < rank; d++) {
            boolean squeezed = axes.length == 0 ? x.dim(d) == 1 : drop[d];
            if (!squeezed) {
                out.add(x.dim(d));
            }
        }
        return Shape.of(out.stream().mapToInt(Integer::intValue).toArray());
    }

    private static Shape expandDims(Node node, Shape x, long[] axis) {
        if (!x.hasRank()) {
            return Shape.unknownRank();
        }
        if (axis == null) {
            return Shape.unknownDims(x.rank() + 1);
        }
        if (axis.length != 1) {
            throw node.error("axis must hold one value");
        }
        int a = Rules.axis(node, axis[0], x.rank() + 1);
        List<Integer> out = new ArrayList<>();
        for (int d = 0; d < x.rank(); d++) {
            out.add(x.dim(d));
        }
        out.add(a, 1);
        return Shape.of(out.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        TensorInfo out = infer(node, Rules.infos(inputs)).get(0);
        if (out.hasValue()) {
            return Rules.one(out.value());
        }
        return Rules.one(inputs.get(0).reshape(out.shape()));
    }

    @Override
    public String toString() {
        return "shape " + kind;
    }
}
