package io.nnport.kernels.copy;

import io.nnport.kernels.Dims;

/**
 * The geometry of splitting one shape along one axis into parts of given sizes (TensorFlow's Split
 * and SplitV), made once at model load so that {@link Split} allocates nothing.
 *
 * <p>Viewed around the split axis the input is {@code [outer, dim, inner]} (outer: the axes before
 * it, times the batch at run time; inner: the axes after it). Part p is {@code [outer, size[p], inner]}:
 * per row of outer, one contiguous run of {@code size[p] * inner} floats starting at
 * {@code (size[0] + .. + size[p-1]) * inner}. The split axis may not be the BATCH axis.
 */
public final class SplitPlan {

    private final int[] shape;
    private final int axis;
    private final int[] sizes;
    private final int inSize;
    /** Rows per batch entry: the product of the axes before the split axis. */
    final int outer;
    /** Floats of one input row: dim * inner. */
    final int rowLength;
    /** Per part: offset of its run within an input row, and the run's length. */
    final int[] runStarts;
    final int[] runLengths;

    private SplitPlan(int[] shape, int axis, int[] sizes) {
        this.shape = Dims.copy(shape);
        this.inSize = Dims.sampleSize(shape, "split input");
        int rank = shape.length;
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("split axis " + axis + " is outside " + Dims.toString(shape));
        }
        if (a == 0 && Dims.isBatched(shape)) {
            throw new IllegalArgumentException("cannot split " + Dims.toString(shape) + " along its batch axis");
        }
        int total = 0;
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException("split sizes must be >= 1, not " + s);
            }
            total += s;
        }
        if (sizes.length == 0 || total != shape[a]) {
            throw new IllegalArgumentException("split sizes " + java.util.Arrays.toString(sizes) + " do not add up to "
                    + "axis " + a + " of " + Dims.toString(shape));
        }
        this.axis = a;
        this.sizes = sizes.clone();
        int o = 1;
        for (int i = 0; i < a; i++) {
            o *= shape[i] == Dims.BATCH ? 1 : shape[i];
        }
        int inner = 1;
        for (int i = a + 1; i < rank; i++) {
            inner *= shape[i];
        }
        this.outer = o;
        this.rowLength = shape[a] * inner;
        this.runStarts = new int[sizes.length];
        this.runLengths = new int[sizes.length];
        int at = 0;
        for (int p = 0; p < sizes.length; p++) {
            runStarts[p] = at * inner;
            runLengths[p] = sizes[p] * inner;
            at += sizes[p];
        }
    }

    /**
     * Split along {@code axis} (negative counts from the end) into parts of the given sizes.
     *
     * @throws IllegalArgumentException if the axis is outside the shape or is the batch axis, a size
     *         is below 1, or the sizes do not add up to the axis
     */
    public static SplitPlan of(int[] shape, int axis, int[] sizes) {
        return new SplitPlan(shape, axis, sizes);
    }

    /** TensorFlow's Split: {@code parts} equal parts (the axis must divide evenly). */
    public static SplitPlan even(int[] shape, int axis, int parts) {
        int a = axis < 0 ? axis + shape.length : axis;
        if (parts < 1 || a < 0 || a >= shape.length || shape[a] < 1 || shape[a] % parts != 0) {
            throw new IllegalArgumentException("cannot split axis " + axis + " of " + Dims.toString(shape) + " into "
                    + parts + " equal parts");
        }
        int[] sizes = new int[parts];
        java.util.Arrays.fill(sizes, shape[a] / parts);
        return new SplitPlan(shape, a, sizes);
    }

    /** Number of parts. */
    public int parts() {
        return sizes.length;
    }

    /** The shape of part {@code p}: the input's with the split axis resized. */
    public int[] outShape(int p) {
        int[] out = Dims.copy(shape);
        out[axis] = sizes[p];
        return out;
    }

    /** Floats the input holds for {@code batch}. */
    public long inLength(int batch) {
        return (long) batch * inSize;
    }

    /** Floats part {@code p} holds for {@code batch}. */
    public long outLength(int p, int batch) {
        return (long) batch * outer * runLengths[p];
    }

    @Override
    public String toString() {
        return "SplitPlan[" + Dims.toString(shape) + " axis " + axis + " into " + java.util.Arrays.toString(sizes) + "]";
    }
}
