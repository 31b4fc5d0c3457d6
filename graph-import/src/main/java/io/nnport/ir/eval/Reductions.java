package io.nnport.ir.eval;

import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Scalar reference reductions over axes, and softmax over the last axis.
 *
 * <p>SUM, MEAN, PROD, MAX, MIN accumulate in double (long for integers); MEAN of integers truncates
 * toward zero. Reducing an empty set gives 0 (SUM), 1 (PROD), NaN (MEAN), -inf/+inf (MAX/MIN).
 * ARG_MAX and ARG_MIN give the index of the first maximum (minimum) along one axis.
 */
public final class Reductions {
    private Reductions() {}

    /** What a reduction computes. */
    public enum Kind {
        SUM, MEAN, PROD, MAX, MIN, ARG_MAX, ARG_MIN;

        public boolean isArg() {
            return this == ARG_MAX || this == ARG_MIN;
        }
    }

    /** Which of {@code rank} axes {@code axes} names (negative axes count from the end, repeats allowed). */
    public static boolean[] reducedAxes(long[] axes, int rank) {
        boolean[] reduced = new boolean[rank];
        for (long axis : axes) {
            reduced[Axes.normalize(axis, Math.max(rank, 1))] = true;
        }
        return reduced;
    }

    /** The shape after reducing {@code axes} of x: removed, or kept as 1 with {@code keepDims}. */
    public static Shape outputShape(Shape x, long[] axes, boolean keepDims) {
        boolean[] reduced = reducedAxes(axes, x.rank());
        List<Integer> out = new ArrayList<>();
        for (int d = 0; d < x.rank(); d++) {
            if (!reduced[d]) {
                out.add(x.dim(d));
            } else if (keepDims) {
                out.add(1);
            }
        }
        return Shape.of(out.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Reduces x over {@code axes} (one axis for ARG_MAX/ARG_MIN, whose output dtype is {@code argType}).
     */
    public static Tensor reduce(Kind kind, Tensor x, long[] axes, boolean keepDims, DType argType) {
        if (!x.dtype().isNumeric()) {
            throw new IllegalArgumentException("does not accept " + x.dtype() + " inputs");
        }
        if (kind.isArg() && axes.length != 1) {
            throw new IllegalArgumentException("dimension must be a scalar");
        }
        int rank = x.rank();
        Shape outShape = outputShape(x.shape(), axes, keepDims && !kind.isArg());
        boolean[] reduced = reducedAxes(axes, rank);
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
        int argAxis = kind.isArg() ? Axes.normalize(axes[0], rank) : -1;
        boolean selects = kind.isArg() || kind == Kind.MAX || kind == Kind.MIN;
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
                acc[o] = kind == Kind.PROD ? 1 : selects ? v : 0;
                accLong[o] = kind == Kind.PROD ? 1 : selects ? lv : 0;
                arg[o] = kind.isArg() ? coords[argAxis] : 0;
                seen[o] = true;
                if (selects) {
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
        Tensor.Builder y = Tensor.builder(kind.isArg() ? argType : x.dtype(), outShape);
        for (int o = 0; o < outSize; o++) {
            if (kind.isArg()) {
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
        return y.build();
    }

    private static void advance(int[] coords, int[] dims) {
        for (int d = coords.length - 1; d >= 0; d--) {
            if (++coords[d] < dims[d]) {
                return;
            }
            coords[d] = 0;
        }
    }

    /**
     * Softmax over the last axis of a float32 tensor of rank &gt;= 1: {@code y = exp(x - max) / sum
     * exp(x - max)}, or with {@code log} {@code y = x - max - log(sum exp(x - max))}; sums in double.
     */
    public static Tensor softmax(Tensor x, boolean log) {
        if (x.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException("supports float32 only, not " + x.dtype());
        }
        if (x.rank() < 1) {
            throw new IllegalArgumentException("input must have rank >= 1, is a scalar");
        }
        int depth = x.shape().dim(-1);
        Tensor.Builder y = Tensor.builder(x.dtype(), x.shape());
        for (int row = 0; depth > 0 && row < x.size() / depth; row++) {
            int base = row * depth;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < depth; i++) {
                max = Math.max(max, x.getDouble(base + i));
            }
            double sum = 0;
            for (int i = 0; i < depth; i++) {
                sum += Math.exp(x.getDouble(base + i) - max);
            }
            for (int i = 0; i < depth; i++) {
                double shifted = x.getDouble(base + i) - max;
                y.setDouble(base + i, log ? shifted - Math.log(sum) : Math.exp(shifted) / sum);
            }
        }
        return y.build();
    }

    /**
     * Layer normalization of a float32 tensor over its trailing {@code n} elements per row
     * ({@code n} = the product of the normalized axes): {@code y = (x - mean) / sqrt(var + epsilon)
     * * scale + bias}, mean and (biased) variance in double; {@code bias} may be null.
     */
    public static Tensor layerNorm(Tensor x, int n, double epsilon, Tensor scale, Tensor bias) {
        if (x.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException("supports float32 only, not " + x.dtype());
        }
        Tensor.Builder y = Tensor.builder(x.dtype(), x.shape());
        for (int row = 0; n > 0 && row < x.size() / n; row++) {
            int base = row * n;
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += x.getDouble(base + i);
            }
            mean /= n;
            double variance = 0;
            for (int i = 0; i < n; i++) {
                double d = x.getDouble(base + i) - mean;
                variance += d * d;
            }
            double r = 1 / Math.sqrt(variance / n + epsilon);
            for (int i = 0; i < n; i++) {
                double normalized = (x.getDouble(base + i) - mean) * r * scale.getDouble(i);
                y.setDouble(base + i, bias == null ? normalized : normalized + bias.getDouble(i));
            }
        }
        return y.build();
    }
}
