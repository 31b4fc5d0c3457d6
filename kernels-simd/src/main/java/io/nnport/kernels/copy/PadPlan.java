package io.nnport.kernels.copy;

import io.nnport.kernels.Dims;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The loops of a constant pad (TF Pad / PadV2, Keras ZeroPadding), made once at model load so that
 * {@link Pad} allocates nothing: every axis i grows by {@code before[i]} elements in front and
 * {@code after[i]} behind, all equal to {@code value}.
 *
 * <p>Shape: TensorFlow's; a {@link Dims#BATCH} axis 0 cannot be padded; a shape without BATCH is one
 * batch entry, {@code batch} of them back to back.
 *
 * <p>An unpadded axis merges into the axis outside it (its size multiplies that axis's size and
 * padding), so padding H and W of [?, H, W, C] is two loops: rows of (W + pads) * C floats, each a
 * fill, one arraycopy of W * C, a fill.
 */
public final class PadPlan {

    private final int[] shape;
    private final int[] before;
    private final int[] after;
    private final int[] outShape;
    final float value;
    final int inSize;
    final int outSize;
    /** Merged axes, outermost first: input size, padding before and after, in elements of that axis. */
    final int[] dims;
    final int[] pads;
    final int[] padsAfter;
    final int[] inStrides;
    final int[] outStrides;

    private PadPlan(int[] shape, int[] before, int[] after, float value) {
        int rank = shape.length;
        if (before.length != rank || after.length != rank) {
            throw new IllegalArgumentException("pad of " + Dims.toString(shape) + " needs before and after of its rank "
                    + rank);
        }
        boolean batched = Dims.isBatched(shape);
        for (int i = 0; i < rank; i++) {
            if (before[i] < 0 || after[i] < 0 || (i == 0 && batched && before[i] + after[i] > 0)) {
                throw new IllegalArgumentException("cannot pad axis " + i + " of " + Dims.toString(shape) + " by ("
                        + before[i] + ", " + after[i] + "): paddings are >= 0 and the batch axis is not padded");
            }
        }
        this.shape = Dims.copy(shape);
        this.before = before.clone();
        this.after = after.clone();
        this.value = value;
        this.outShape = new int[rank];
        for (int i = 0; i < rank; i++) {
            outShape[i] = shape[i] == Dims.BATCH ? Dims.BATCH : shape[i] + before[i] + after[i];
        }
        this.inSize = Dims.sampleSize(shape, "pad input");
        this.outSize = Dims.sampleSize(outShape, "pad output");

        List<int[]> axes = new ArrayList<>(); // {size, before, after}, outermost first
        for (int i = batched ? 1 : 0; i < rank; i++) {
            boolean padded = before[i] + after[i] > 0;
            int[] outer = axes.isEmpty() ? null : axes.get(axes.size() - 1);
            if (!padded && outer != null) {
                outer[0] *= shape[i];
                outer[1] *= shape[i];
                outer[2] *= shape[i];
            } else if (padded || shape[i] != 1 || axes.isEmpty()) {
                axes.add(new int[] {shape[i], before[i], after[i]});
            }
        }
        if (axes.isEmpty()) {
            axes.add(new int[] {1, 0, 0});
        }
        int n = axes.size();
        dims = new int[n];
        pads = new int[n];
        padsAfter = new int[n];
        inStrides = new int[n];
        outStrides = new int[n];
        int in = 1;
        int out = 1;
        for (int k = n - 1; k >= 0; k--) {
            dims[k] = axes.get(k)[0];
            pads[k] = axes.get(k)[1];
            padsAfter[k] = axes.get(k)[2];
            inStrides[k] = in;
            outStrides[k] = out;
            in *= dims[k];
            out *= dims[k] + pads[k] + padsAfter[k];
        }
    }

    /**
     * The plan for padding {@code shape} by {@code before[i]} and {@code after[i]} along each axis i.
     *
     * @throws IllegalArgumentException for a negative padding, padding on BATCH, or wrong lengths
     */
    public static PadPlan of(int[] shape, int[] before, int[] after, float value) {
        return new PadPlan(shape, before, after, value);
    }

    /** The padded shape. */
    public int[] outShape() {
        return Dims.copy(outShape);
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
        return "PadPlan[" + Dims.toString(shape) + " by " + Arrays.toString(before) + "/" + Arrays.toString(after)
                + " with " + value + " -> " + Dims.toString(outShape) + "]";
    }
}
