package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.util.ArrayList;
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
 * <p>Shape rule: needs the axes as a constant; without it only the rank is known (keep_dims) or
 * nothing. Rejected: axes out of range, non-numeric input.
 */
public record Reduce(Kind kind) implements OpSemantics {

    public enum Kind { SUM, MEAN, PROD, MAX, MIN, ARG_MAX, ARG_MIN }

    private boolean isArg() {
        return kind == Kind.ARG_MAX || kind == Kind.ARG_MIN;
    }

    @Override
    public List<TensorInfo> infer(Node node, List<TensorInfo> inputs) {
        Rules.arity(node, inputs, 2);
        Rules.requireNumeric(node, inputs.get(0).dtype());
        Shape x = inputs.get(0).shape();
        DType outType = isArg() ? node.typeAttr("output_type", DType.INT64) : inputs.get(0).dtype();
        boolean keepDims = !isArg() && node.boolAttr("keep_dims", false);
        long[] axes = Rules.constLongs(inputs, 1);
        if (!x.hasRank()) {
            return Rules.one(outType, Shape.unknownRank());
        }
        if (axes == null) {
            return Rules.one(outType, keepDims ? Shape.unknownDims(x.rank()) : Shape.unknownRank());
        }
        if (isArg() && axes.length != 1) {
            throw node.error("dimension must be a scalar");
        }
        boolean[] reduced = reducedAxes(node, axes, x.rank());
        List<Integer> out = new ArrayList<>();
        for (int d = 0; d < x.rank(); d++) {
            if (!reduced[d]) {
                out.add(x.dim(d));
            } else if (keepDims) {
                out.add(1);
            }
        }
        return Rules.one(outType, Shape.of(out.stream().mapToInt(Integer::intValue).toArray()));
    }

    private static boolean[] reducedAxes(Node node, long[] axes, int rank) {
        boolean[] reduced = new boolean[rank];
        for (long axis : axes) {
            reduced[Rules.axis(node, axis, Math.max(rank, 1))] = true;
        }
        return reduced;
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        TensorInfo outInfo = infer(node, Rules.infos(inputs)).get(0);
        Tensor x = inputs.get(0);
        int rank = x.rank();
        boolean[] reduced = reducedAxes(node, inputs.get(1).longs(), rank);
        int[] dims = x.shape().dims();
        // Output element of each input element: its coordinates with reduced axes dropped.
        int[] keptStrides = new int[rank];
        int stride = 1;
        int reducedCount = 1;
        for (int d = rank - 1; d >= 0; d--) {
            if (reduced[d]) {
                reducedCount *= dims[d];
            } else {
                keptStrides[d] = stride;
                stride *= dims[d];
            }
        }
        int outSize = stride;
        double[] acc = new double[outSize];
        long[] accLong = new long[outSize];
        int[] arg = new int[outSize];
        boolean[] seen = new boolean[outSize];
        int argAxis = isArg() ? Rules.axis(node, inputs.get(1).getLong(0), rank) : -1;
        boolean integer = x.dtype().isInteger();
        int[] coords = new int[rank];
        for (int i = 0; i < x.size(); i++) {
            int o = 0;
            for (int d = 0; d < rank; d++) {
                o += coords[d] * keptStrides[d];
            }
            double v = x.getDouble(i);
            long lv = x.getLong(i);
            if (!seen[o]) {
                acc[o] = kind == Kind.PROD ? 1 : isArg() || kind == Kind.MAX || kind == Kind.MIN ? v : 0;
                accLong[o] = kind == Kind.PROD ? 1 : isArg() || kind == Kind.MAX || kind == Kind.MIN ? lv : 0;
                arg[o] = isArg() ? coords[argAxis] : 0;
                seen[o] = true;
                if (isArg() || kind == Kind.MAX || kind == Kind.MIN) {
                    advance(coords, dims);
                    continue;
                }
            }
            switch (kind) {
                case SUM, MEAN -> {
                    acc[o] += v;
                    accLong[o] += lv;
                }
                case PROD -> {
                    acc[o] *= v;
                    accLong[o] *= lv;
                }
                case MAX -> {
                    acc[o] = Double.isNaN(v) || Double.isNaN(acc[o]) ? Double.NaN : Math.max(acc[o], v);
                    accLong[o] = Math.max(accLong[o], lv);
                }
                case MIN -> {
                    acc[o] = Double.isNaN(v) || Double.isNaN(acc[o]) ? Double.NaN : Math.min(acc[o], v);
                    accLong[o] = Math.min(accLong[o], lv);
                }
                case ARG_MAX, ARG_MIN -> {
                    boolean better = integer
                            ? (kind == Kind.ARG_MAX ? lv > accLong[o] : lv < accLong[o])
                            : (kind == Kind.ARG_MAX ? v > acc[o] : v < acc[o]);
                    if (better) {
                        acc[o] = v;
                        accLong[o] = lv;
                        arg[o] = coords[argAxis];
                    }
                }
            }
            advance(coords, dims);
        }
        Tensor.Builder y = Rules.builder(node, outInfo.dtype(), outInfo.shape());
        for (int o = 0; o < outSize; o++) {
            if (isArg()) {
                y.setLong(o, arg[o]);
            } else if (!seen[o]) {
                y.setDouble(o, switch (kind) {
                    case SUM -> 0;
                    case PROD -> 1;
                    case MEAN -> Double.NaN;
                    case MAX -> Double.NEGATIVE_INFINITY;
                    default -> Double.POSITIVE_INFINITY;
                });
            } else if (integer) {
                y.setLong(o, kind == Kind.MEAN ? accLong[o] / reducedCount : accLong[o]);
            } else {
                y.setDouble(o, kind == Kind.MEAN ? acc[o] / reducedCount : acc[o]);
            }
        }
        return Rules.one(y.build());
    }

    private static void advance(int[] coords, int[] dims) {
        for (int d = coords.length - 1; d >= 0; d--) {
            if (++coords[d] < dims[d]) {
                return;
            }
            coords[d] = 0;
        }
    }

    @Override
    public String toString() {
        return "reduce " + kind;
    }
}
