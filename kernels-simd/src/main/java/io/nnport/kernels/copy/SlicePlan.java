package io.nnport.kernels.copy;

import io.nnport.kernels.Dims;
import java.util.ArrayList;
import java.util.List;

/**
 * The loops of a strided slice of one shape, made once at model load so that {@link Slice#copy}
 * allocates nothing.
 *
 * <h2>Slice</h2>
 * Per axis i: {@code begin[i]} (the first index taken, 0 &lt;= begin &lt; dim), {@code stride[i]}
 * (non-zero; negative walks backwards) and {@code size[i]} (elements taken, at least 1), so the
 * indices taken are {@code begin + k*stride}, k &lt; size, all inside [0, dim). This is TensorFlow's
 * StridedSlice after its begin/end/masks are resolved (shrink_axis and new_axis only reshape, which
 * the caller does), and Slice with stride 1 ({@link #slice}). A BATCH axis 0 is taken whole:
 * begin 0, stride 1, size {@link Dims#BATCH}.
 *
 * <h2>Plan</h2>
 * Axes taking one element only add to the start offset; an axis whose steps continue the axis
 * inside it ({@code outer step == inner step * inner count}) merges into it, the batch included. So
 * cropping [?, H, W, C] to rows 2..5 is one arraycopy of 4*W*C floats per image, and reversing every
 * axis is a single backwards loop. The innermost loop is one arraycopy when its step is 1.
 */
public final class SlicePlan {

    private final int[] inShape;
    private final int[] outShape;
    private final int inSize;
    private final int outSize;
    /** Offset of the first element taken, within one batch entry. */
    final int start;
    /** Merged loops, outermost first; counts[0] is multiplied by the batch at run time. */
    final int[] counts;
    /** Input step of each loop (negative for reversed axes). */
    final int[] steps;
    /** Output step of each loop: the product of the counts inside it. */
    final int[] outSteps;

    private SlicePlan(int[] shape, int[] begin, int[] size, int[] stride) {
        this.inShape = Dims.copy(shape);
        this.inSize = Dims.sampleSize(shape, "slice input");
        int rank = shape.length;
        if (rank == 0 || begin.length != rank || size.length != rank || stride.length != rank) {
            throw new IllegalArgumentException("slice of " + Dims.toString(shape) + " needs begin, size and stride"
                    + " of its rank " + rank + ", not " + begin.length + ", " + size.length + ", " + stride.length);
        }
        boolean batched = Dims.isBatched(shape);
        int[] out = new int[rank];
        int first = 0;
        int axisStride = 1;
        List<int[]> loops = new ArrayList<>(); // {count, step}, innermost first
        for (int i = rank - 1; i >= 0; i--) {
            if (i == 0 && batched) {
                if (begin[0] != 0 || size[0] != Dims.BATCH || stride[0] != 1) {
                    throw new IllegalArgumentException("slice of " + Dims.toString(shape) + " must take the batch"
                            + " axis whole (begin 0, size BATCH, stride 1), not begin " + begin[0] + ", size "
                            + size[0] + ", stride " + stride[0]);
                }
                out[0] = Dims.BATCH;
                continue;
            }
            int d = shape[i];
            long last = begin[i] + (long) (size[i] - 1) * stride[i];
            if (stride[i] == 0 || size[i] < 1 || begin[i] < 0 || begin[i] >= d || last < 0 || last >= d) {
                throw new IllegalArgumentException("slice of " + Dims.toString(shape) + ", axis " + i + ": begin "
                        + begin[i] + ", size " + size[i] + ", stride " + stride[i] + " does not stay inside [0, "
                        + d + ") (size must be >= 1, stride non-zero)");
            }
            out[i] = size[i];
            first += begin[i] * axisStride;
            if (size[i] > 1) {
                loops.add(new int[] {size[i], stride[i] * axisStride});
            }
            axisStride *= d;
        }
        loops.add(new int[] {1, inSize}); // the batch, or the whole tensor repeated batch times
        this.outShape = out;
        this.outSize = Dims.sampleSize(out, "slice output");
        this.start = first;

        List<int[]> merged = new ArrayList<>(); // innermost first
        for (int[] loop : loops) {
            int[] inner = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (inner != null && loop[1] == inner[1] * inner[0]) {
                inner[0] *= loop[0];
            } else {
                merged.add(loop.clone());
            }
        }
        int n = merged.size();
        counts = new int[n];
        steps = new int[n];
        outSteps = new int[n];
        int outStep = 1;
        for (int k = 0; k < n; k++) {
            int level = n - 1 - k;
            counts[level] = merged.get(k)[0];
            steps[level] = merged.get(k)[1];
            outSteps[level] = outStep;
            outStep *= counts[level];
        }
    }

    /**
     * The plan for taking {@code begin[i] + k*stride[i]}, k &lt; size[i], along every axis i of
     * {@code shape}; see the class documentation.
     *
     * @throws IllegalArgumentException if the lengths differ from the rank, an index leaves its axis,
     *         a size is below 1 or a stride is 0, or the batch axis is not taken whole
     */
    public static SlicePlan of(int[] shape, int[] begin, int[] size, int[] stride) {
        return new SlicePlan(shape, begin, size, stride);
    }

    /**
     * TensorFlow's Slice: stride 1, and a size of -1 takes the rest of the axis (so the BATCH axis is
     * begin 0, size -1).
     */
    public static SlicePlan slice(int[] shape, int[] begin, int[] size) {
        int rank = shape.length;
        if (begin.length != rank || size.length != rank) {
            throw new IllegalArgumentException("slice of " + Dims.toString(shape) + " needs begin and size of its rank");
        }
        int[] resolved = new int[rank];
        int[] ones = new int[rank];
        for (int i = 0; i < rank; i++) {
            boolean batchAxis = i == 0 && Dims.isBatched(shape);
            resolved[i] = size[i] == -1 && !batchAxis ? shape[i] - begin[i] : size[i];
            ones[i] = 1;
        }
        return new SlicePlan(shape, begin, resolved, ones);
    }

    /** The input shape. */
    public int[] inShape() {
        return Dims.copy(inShape);
    }

    /** The output shape, BATCH at axis 0 when the input has it. */
    public int[] outShape() {
        return Dims.copy(outShape);
    }

    /** Floats the input holds for {@code batch}. */
    public long inLength(int batch) {
        return (long) batch * inSize;
    }

    /** Floats the output holds for {@code batch}. */
    public long outLength(int batch) {
        return (long) batch * outSize;
    }

    /** Number of merged loops, the batch loop included (1: the whole call is one run). */
    public int loops() {
        return counts.length;
    }

    @Override
    public String toString() {
        return "SlicePlan[" + Dims.toString(inShape) + " -> " + Dims.toString(outShape) + ", " + counts.length
                + " loops]";
    }
}
