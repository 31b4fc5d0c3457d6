package io.nnport.kernels.elementwise;

import io.nnport.kernels.Dims;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The iteration plan of a binary operation on two shapes under NumPy broadcasting, made once at model
 * load so that {@link Binary#apply} allocates nothing and needs no index tables.
 *
 * <h2>Shapes</h2>
 * TensorFlow shapes, row-major, with {@link Dims#BATCH} at axis 0 for the dynamic batch. Shapes are
 * aligned at their last axis; a missing or size-1 axis is repeated (broadcast) along the other
 * operand's axis. An operand without the BATCH axis (a constant, say a bias {@code [C]}) is shared by
 * every batch entry. The output has {@code BATCH} at axis 0 when either operand does; when neither
 * does, the whole output is computed {@code batch} times, back to back (batch 1 for a fixed shape).
 *
 * <h2>Plan</h2>
 * Axes are merged wherever both operands continue contiguously (or are both broadcast) across them,
 * so {@code [?,H,W,C] + [C]} becomes rows x C, and {@code [?,N] * [?,N]} one run of batch x N floats.
 * The result is a few nested loops (batch folded into the outermost) with, per operand, an element
 * stride per loop, 0 where it is broadcast. The innermost loop is contiguous in the output and has
 * stride 1 or 0 in each operand: a same-shape run, a run against a scalar, or a fill. These are the
 * fast paths: same shape, scalar operand and per-channel (last-axis) operand are each one or two
 * loops.
 */
public final class BroadcastPlan {

    private final int[] aShape;
    private final int[] bShape;
    private final int[] outShape;
    private final int aSize;
    private final int bSize;
    private final int outSize;
    private final boolean aBatched;
    private final boolean bBatched;
    /** Merged loops, outermost first; counts[0] is multiplied by the batch at run time. */
    final int[] counts;
    final int[] aStrides;
    final int[] bStrides;
    /** Output stride of each loop: the product of the counts inside it. */
    final int[] outStrides;

    private BroadcastPlan(int[] aShape, int[] bShape) {
        this.aShape = Dims.copy(aShape);
        this.bShape = Dims.copy(bShape);
        this.aSize = Dims.sampleSize(aShape, "binary operand a");
        this.bSize = Dims.sampleSize(bShape, "binary operand b");
        this.aBatched = Dims.isBatched(aShape);
        this.bBatched = Dims.isBatched(bShape);
        int rank = Math.max(aShape.length, bShape.length);
        int[] a = align(aShape, rank);
        int[] b = align(bShape, rank);
        if ((aBatched && aShape.length < rank) || (bBatched && bShape.length < rank)) {
            throw mismatch("the batch axis must be axis 0 of the output");
        }
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            if (a[i] == b[i] || b[i] == 1) {
                out[i] = a[i];
            } else if (a[i] == 1) {
                out[i] = b[i];
            } else {
                throw mismatch("axis " + i + " of the output: " + dim(a[i]) + " vs " + dim(b[i]));
            }
        }
        this.outShape = out;
        this.outSize = Dims.sampleSize(out, "binary output");

        // Loops over the output's axes, with a leading batch loop; size-1 axes dropped.
        List<int[]> loops = new ArrayList<>(); // {count, aStride, bStride}, innermost first
        int aStride = 1;
        int bStride = 1;
        for (int i = rank - 1; i >= (rank > 0 && out[0] == Dims.BATCH ? 1 : 0); i--) {
            if (out[i] != 1) {
                loops.add(new int[] {out[i], a[i] == 1 ? 0 : aStride, b[i] == 1 ? 0 : bStride});
            }
            aStride *= a[i] == 1 ? 1 : a[i];
            bStride *= b[i] == 1 ? 1 : b[i];
        }
        loops.add(new int[] {1, aBatched ? aSize : 0, bBatched ? bSize : 0});

        // Merge an outer loop into the group inside it when both operands continue contiguously.
        List<int[]> merged = new ArrayList<>(); // {count, aStride, bStride}, innermost first
        for (int[] loop : loops) {
            int[] inner = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (inner != null && loop[1] == inner[1] * inner[0] && loop[2] == inner[2] * inner[0]) {
                inner[0] *= loop[0];
            } else {
                merged.add(loop.clone());
            }
        }
        int n = merged.size();
        counts = new int[n];
        aStrides = new int[n];
        bStrides = new int[n];
        outStrides = new int[n];
        int outStride = 1;
        for (int k = 0; k < n; k++) {
            int[] loop = merged.get(k);
            int level = n - 1 - k;
            counts[level] = loop[0];
            aStrides[level] = loop[1];
            bStrides[level] = loop[2];
            outStrides[level] = outStride;
            outStride *= loop[0];
        }
    }

    /**
     * The plan for {@code a op b}.
     *
     * @throws IllegalArgumentException if the shapes do not broadcast (the message names both shapes
     *         and the axis), or BATCH is anywhere but at axis 0 of the output
     */
    public static BroadcastPlan of(int[] aShape, int[] bShape) {
        return new BroadcastPlan(aShape, bShape);
    }

    /** The output shape, BATCH at axis 0 when either operand has it. */
    public int[] outShape() {
        return Dims.copy(outShape);
    }

    /** Floats of a for {@code batch}: {@code batch x} a's sample size when a has BATCH, else its size. */
    public long aLength(int batch) {
        return aBatched ? (long) batch * aSize : aSize;
    }

    /** Floats of b for {@code batch}. */
    public long bLength(int batch) {
        return bBatched ? (long) batch * bSize : bSize;
    }

    /** Floats of the output for {@code batch}: always {@code batch x} the output's sample size. */
    public long outLength(int batch) {
        return (long) batch * outSize;
    }

    /**
     * True when the output may overwrite a ({@code out == a}, same offset): a is laid out exactly as
     * the output, batch included, so every element of a is read in the same step that writes it.
     */
    public boolean outputMayOverwriteA() {
        return Arrays.equals(aStrides, outStrides);
    }

    /** True when the output may overwrite b; see {@link #outputMayOverwriteA()}. */
    public boolean outputMayOverwriteB() {
        return Arrays.equals(bStrides, outStrides);
    }

    /** Number of merged loops; 1 means one contiguous run (same shape, or a scalar operand). */
    public int loops() {
        return counts.length;
    }

    @Override
    public String toString() {
        return "BroadcastPlan[" + Dims.toString(aShape) + " op " + Dims.toString(bShape) + " -> "
                + Dims.toString(outShape) + ", " + counts.length + " loops]";
    }

    private static int[] align(int[] shape, int rank) {
        int[] aligned = new int[rank];
        int pad = rank - shape.length;
        for (int i = 0; i < rank; i++) {
            aligned[i] = i < pad ? 1 : shape[i - pad];
        }
        return aligned;
    }

    private IllegalArgumentException mismatch(String why) {
        return new IllegalArgumentException("shapes " + Dims.toString(aShape) + " and " + Dims.toString(bShape)
                + " do not broadcast: " + why);
    }

    private static String dim(int d) {
        return d == Dims.BATCH ? "?" : Integer.toString(d);
    }
}
