package io.nnport.kernels.reduce;

import io.nnport.kernels.Dims;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The iteration plan of a reduction of a shape over a set of axes, made once at model load.
 *
 * <p>Shape: TensorFlow's, row-major, {@link Dims#BATCH} allowed at axis 0 (the batch axis cannot be
 * reduced); a shape without BATCH is one batch entry, and a call reduces {@code batch} of them back to
 * back, as the copy kernels do. Axes: any set, negative axes counted from the end, duplicates
 * ignored. The output holds the kept axes in order; with or without keepdims the layout is the same.
 *
 * <p>Size-1 axes are dropped and neighbouring axes that are all kept or all reduced are merged, the
 * batch folded into the outermost kept group. Three shapes get fast paths:
 * <pre>
 *   ROWS     [K, R]      reduce contiguous runs of R (last axis, or all non-batch axes)
 *   COLUMNS  [K, R, I]   reduce R rows of I columns, vectorized over I (H and W of NHWC)
 *   COPY     [K]         nothing to reduce (only size-1 axes)
 * </pre>
 * and everything else (alternating kept and reduced groups) runs a general loop nest.
 */
public final class ReducePlan {

    /** How {@link Reduce} iterates. */
    enum Kind { COPY, ROWS, COLUMNS, GENERAL }

    private final int[] shape;
    private final int[] axes;
    private final int inSize;
    private final int outSize;
    final Kind kind;
    /** Number of elements combined into each output element. */
    final int reduceCount;
    /** Merged groups, outermost first; counts[0] is multiplied by the batch. */
    final int[] counts;
    final boolean[] reduced;
    final int[] inStrides;
    /** Output stride of each group: 0 for reduced groups. */
    final int[] outStrides;

    private ReducePlan(int[] shape, int[] axes) {
        this.shape = Dims.copy(shape);
        this.inSize = Dims.sampleSize(shape, "reduce input");
        boolean batched = Dims.isBatched(shape);
        int rank = shape.length;
        boolean[] isReduced = new boolean[rank];
        for (int axis : axes) {
            int a = axis < 0 ? axis + rank : axis;
            if (a < 0 || a >= rank) {
                throw new IllegalArgumentException("reduction axis " + axis + " is outside shape " + Dims.toString(shape));
            }
            if (a == 0 && batched) {
                throw new IllegalArgumentException("reducing over the batch axis of " + Dims.toString(shape)
                        + " is not supported");
            }
            isReduced[a] = true;
        }
        int count = 1;
        int out = 1;
        List<Integer> sortedAxes = new ArrayList<>();
        List<int[]> groups = new ArrayList<>(); // {count, reduced ? 1 : 0}, outermost first
        groups.add(new int[] {1, 0}); // the batch, kept
        for (int i = batched ? 1 : 0; i < rank; i++) {
            if (isReduced[i]) {
                sortedAxes.add(i);
                count *= shape[i];
            } else {
                out *= shape[i];
            }
            if (shape[i] == 1) {
                continue;
            }
            int[] last = groups.get(groups.size() - 1);
            int flag = isReduced[i] ? 1 : 0;
            if (last[1] == flag) {
                last[0] *= shape[i];
            } else {
                groups.add(new int[] {shape[i], flag});
            }
        }
        this.axes = sortedAxes.stream().mapToInt(Integer::intValue).toArray();
        this.reduceCount = count;
        this.outSize = out;
        int n = groups.size();
        counts = new int[n];
        reduced = new boolean[n];
        inStrides = new int[n];
        outStrides = new int[n];
        int inStride = 1;
        int outStride = 1;
        for (int g = n - 1; g >= 0; g--) {
            counts[g] = groups.get(g)[0];
            reduced[g] = groups.get(g)[1] == 1;
            inStrides[g] = inStride;
            outStrides[g] = reduced[g] ? 0 : outStride;
            inStride *= counts[g];
            outStride *= reduced[g] ? 1 : counts[g];
        }
        if (n == 1) {
            kind = Kind.COPY;
        } else if (n == 2) {
            kind = Kind.ROWS;
        } else if (n == 3) {
            kind = Kind.COLUMNS;
        } else {
            kind = Kind.GENERAL;
        }
    }

    /**
     * The plan for reducing {@code shape} over {@code axes}.
     *
     * @throws IllegalArgumentException for an axis outside the shape, the batch axis, or a bad shape
     */
    public static ReducePlan of(int[] shape, int... axes) {
        return new ReducePlan(shape, axes);
    }

    /** The output shape without the reduced axes (keepdims=False); BATCH stays at axis 0. */
    public int[] outShape() {
        int[] out = new int[shape.length - axes.length];
        for (int i = 0, k = 0; i < shape.length; i++) {
            if (Arrays.binarySearch(axes, i) < 0) {
                out[k++] = shape[i];
            }
        }
        return out;
    }

    /** Floats of the input for {@code batch}. */
    public long inLength(int batch) {
        return (long) batch * inSize;
    }

    /** Floats of the output for {@code batch}. */
    public long outLength(int batch) {
        return (long) batch * outSize;
    }

    @Override
    public String toString() {
        return "ReducePlan[" + Dims.toString(shape) + " over " + Arrays.toString(axes) + ": " + kind + " "
                + Arrays.toString(counts) + "]";
    }
}
