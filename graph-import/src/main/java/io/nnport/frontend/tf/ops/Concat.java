package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.eval.Rearrangements;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Joining and splitting along an axis; any dtype.
 *
 * <ul>
 * <li><b>CONCAT</b> (ConcatV2): inputs (x_1..x_N, axis scalar); shapes equal except on the axis,
 *     whose sizes add up.</li>
 * <li><b>PACK</b> (Pack): N same-shape inputs stacked on a new axis (attr {@code axis}, default 0,
 *     in [-rank-1, rank]).</li>
 * <li><b>UNPACK</b> (Unpack): attr {@code num} outputs, slices along attr {@code axis} with the axis
 *     removed.</li>
 * <li><b>SPLIT</b> (Split): inputs (axis scalar, x); attr {@code num_split} equal parts. Rejected: a
 *     size not divisible by num_split.</li>
 * <li><b>SPLIT_V</b> (SplitV): inputs (x, size_splits 1-D, axis scalar); one size may be -1 (the
 *     rest).</li>
 * </ul>
 *
 * <p>Shape rules keep unknown dimensions off the axis (the batch); an unknown size on the axis makes
 * the concatenated size unknown. Rejected: axes out of range, shapes that differ off the axis,
 * mixed dtypes.
 */
public record Concat(Kind kind) implements OpSemantics {

    public enum Kind { CONCAT, PACK, UNPACK, SPLIT, SPLIT_V }

    @Override
    public List<TensorInfo> infer(Node node, List<TensorInfo> inputs) {
        return switch (kind) {
            case CONCAT -> concat(node, inputs);
            case PACK -> pack(node, inputs);
            case UNPACK -> unpack(node, inputs);
            case SPLIT, SPLIT_V -> split(node, inputs);
        };
    }

    private static List<TensorInfo> concat(Node node, List<TensorInfo> inputs) {
        Rules.minArity(node, inputs, 2);
        List<TensorInfo> values = inputs.subList(0, inputs.size() - 1);
        long[] axisValue = Rules.constLongs(inputs, inputs.size() - 1);
        DType dtype = commonDtype(node, values);
        Shape first = firstRanked(values);
        if (first == null) {
            return Rules.one(dtype, Shape.unknownRank());
        }
        if (axisValue == null) {
            return Rules.one(dtype, Shape.unknownDims(first.rank()));
        }
        int axis = Rules.axis(node, axisValue[0], first.rank());
        List<Shape> shapes = new ArrayList<>();
        for (TensorInfo value : values) {
            // An input of unknown rank contributes an unknown size on the axis and nothing off it.
            shapes.add(value.shape().hasRank() ? value.shape() : Shape.unknownDims(first.rank()));
        }
        return Rules.one(dtype, Rules.at(node, () -> Rearrangements.concatShape(shapes, axis)));
    }

    private static List<TensorInfo> pack(Node node, List<TensorInfo> inputs) {
        Rules.minArity(node, inputs, 1);
        DType dtype = commonDtype(node, inputs);
        Shape first = firstRanked(inputs);
        if (first == null) {
            return Rules.one(dtype, Shape.unknownRank());
        }
        for (TensorInfo input : inputs) {
            if (!input.shape().isCompatibleWith(first)) {
                throw node.error("inputs differ: " + first + " and " + input.shape());
            }
        }
        int axis = Rules.axis(node, node.intAttr("axis", 0), first.rank() + 1);
        List<Integer> out = new ArrayList<>();
        for (int d = 0; d < first.rank(); d++) {
            out.add(first.dim(d));
        }
        out.add(axis, inputs.size());
        return Rules.one(dtype, Shape.of(out.stream().mapToInt(Integer::intValue).toArray()));
    }

    private static List<TensorInfo> unpack(Node node, List<TensorInfo> inputs) {
        Rules.arity(node, inputs, 1);
        Shape x = inputs.get(0).shape();
        int num = (int) node.intAttr("num");
        int rank = Rules.rank(node, x, "input");
        int axis = Rules.axis(node, node.intAttr("axis", 0), rank);
        if (x.dim(axis) != Shape.UNKNOWN && x.dim(axis) != num) {
            throw node.error("num=" + num + " but dimension " + axis + " of " + x + " is " + x.dim(axis));
        }
        List<Integer> dims = new ArrayList<>();
        for (int d = 0; d < rank; d++) {
            if (d != axis) {
                dims.add(x.dim(d));
            }
        }
        Shape part = Shape.of(dims.stream().mapToInt(Integer::intValue).toArray());
        List<TensorInfo> out = new ArrayList<>();
        for (int i = 0; i < num; i++) {
            out.add(TensorInfo.of(inputs.get(0).dtype(), part));
        }
        return out;
    }

    private List<TensorInfo> split(Node node, List<TensorInfo> inputs) {
        Rules.arity(node, inputs, kind == Kind.SPLIT ? 2 : 3);
        TensorInfo x = inputs.get(kind == Kind.SPLIT ? 1 : 0);
        long[] axisValue = Rules.constLongs(inputs, kind == Kind.SPLIT ? 0 : 2);
        int num = (int) node.intAttr("num_split");
        List<TensorInfo> out = new ArrayList<>();
        if (!x.shape().hasRank() || axisValue == null) {
            for (int i = 0; i < num; i++) {
                out.add(TensorInfo.of(x.dtype(), x.shape().hasRank() ? Shape.unknownDims(x.shape().rank()) : Shape.unknownRank()));
            }
            return out;
        }
        Shape shape = x.shape();
        int axis = Rules.axis(node, axisValue[0], shape.rank());
        int size = shape.dim(axis);
        int[] sizes = new int[num];
        if (kind == Kind.SPLIT) {
            if (size != Shape.UNKNOWN && size % num != 0) {
                throw node.error("dimension " + axis + " of " + shape + " does not split into " + num + " equal parts");
            }
            Arrays.fill(sizes, size == Shape.UNKNOWN ? Shape.UNKNOWN : size / num);
        } else {
            long[] requested = Rules.constLongs(inputs, 1);
            if (requested == null) {
                Arrays.fill(sizes, Shape.UNKNOWN);
            } else {
                if (requested.length != num) {
                    throw node.error("size_splits has " + requested.length + " values for num_split=" + num);
                }
                int wildcard = -1;
                long total = 0;
                for (int i = 0; i < num; i++) {
                    if (requested[i] == -1 && wildcard < 0) {
                        wildcard = i;
                    } else if (requested[i] < 0) {
                        throw node.error("invalid size_splits " + Arrays.toString(requested));
                    } else {
                        sizes[i] = (int) requested[i];
                        total += requested[i];
                    }
                }
                if (wildcard >= 0) {
                    sizes[wildcard] = size == Shape.UNKNOWN ? Shape.UNKNOWN : (int) (size - total);
                } else if (size != Shape.UNKNOWN && total != size) {
                    throw node.error("size_splits " + Arrays.toString(requested) + " do not add up to " + size);
                }
                if (size != Shape.UNKNOWN && total > size) {
                    throw node.error("size_splits " + Arrays.toString(requested) + " exceed " + size);
                }
            }
        }
        for (int i = 0; i < num; i++) {
            out.add(TensorInfo.of(x.dtype(), shape.withDim(axis, sizes[i])));
        }
        return out;
    }

    private static DType commonDtype(Node node, List<TensorInfo> values) {
        DType dtype = values.get(0).dtype();
        for (TensorInfo value : values) {
            if (value.dtype() != dtype) {
                throw node.error("inputs mix " + dtype + " and " + value.dtype());
            }
        }
        return dtype;
    }

    private static Shape firstRanked(List<TensorInfo> values) {
        for (TensorInfo value : values) {
            if (value.shape().hasRank()) {
                return value.shape();
            }
        }
        return null;
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        List<TensorInfo> outs = infer(node, Rules.infos(inputs));
        return switch (kind) {
            case CONCAT -> {
                int axis = Rules.axis(node, inputs.get(inputs.size() - 1).getLong(0), outs.get(0).shape().rank());
                yield Rules.one(Rules.at(node, () -> Rearrangements.concat(inputs.subList(0, inputs.size() - 1), axis)));
            }
            case PACK -> {
                int axis = Rules.axis(node, node.intAttr("axis", 0), outs.get(0).shape().rank());
                List<Tensor> expanded = new ArrayList<>();
                for (Tensor input : inputs) {
                    expanded.add(input.reshape(outs.get(0).shape().withDim(axis, 1)));
                }
                yield Rules.one(Rules.at(node, () -> Rearrangements.concat(expanded, axis)));
            }
            case UNPACK -> {
                Tensor x = inputs.get(0);
                int axis = Rules.axis(node, node.intAttr("axis", 0), x.rank());
                int[] ones = new int[outs.size()];
                Arrays.fill(ones, 1);
                List<Tensor> parts = new ArrayList<>();
                for (Tensor part : Rules.at(node, () -> Rearrangements.split(x, axis, ones))) {
                    parts.add(part.reshape(outs.get(parts.size()).shape()));
                }
                yield parts;
            }
            case SPLIT, SPLIT_V -> {
                Tensor x = inputs.get(kind == Kind.SPLIT ? 1 : 0);
                int axis = Rules.axis(node, inputs.get(kind == Kind.SPLIT ? 0 : 2).getLong(0), x.rank());
                int[] sizes = outs.stream().mapToInt(out -> out.shape().dim(axis)).toArray();
                yield Rules.at(node, () -> Rearrangements.split(x, axis, sizes));
            }
        };
    }

    @Override
    public String toString() {
        return "concat " + kind;
    }
}
