package io.nnport.kernels.copy;

import io.nnport.kernels.Dims;

/**
 * Strided slice: {@code out} (row-major, the plan's output shape) gets, in order, the elements of
 * {@code in} (the plan's input shape) at the indices the {@link SlicePlan} takes. Scalar only by
 * design: contiguous runs are {@link System#arraycopy}, strided and reversed runs a plain loop (see
 * the {@linkplain io.nnport.kernels.copy package documentation}). Exact; allocates nothing; out must
 * not overlap in.
 */
public final class Slice {

    private Slice() {}

    /**
     * Copies the slice of {@code batch} entries (or, for a shape without BATCH, of the tensor
     * repeated {@code batch} times back to back).
     *
     * @throws IllegalArgumentException if batch is negative
     * @throws IndexOutOfBoundsException if in or out is too short
     */
    public static void copy(SlicePlan plan, float[] in, int inOff, int batch, float[] out, int outOff) {
        Dims.checkBatch(batch);
        Dims.checkRange(in, inOff, plan.inLength(batch), "slice in");
        Dims.checkRange(out, outOff, plan.outLength(batch), "slice out");
        if (batch > 0) {
            copy(plan, 0, plan.counts[0] * batch, in, inOff + plan.start, out, outOff);
        }
    }

    private static void copy(SlicePlan plan, int level, int count, float[] in, int inAt, float[] out, int outAt) {
        int step = plan.steps[level];
        if (level == plan.counts.length - 1) {
            if (step == 1) {
                System.arraycopy(in, inAt, out, outAt, count);
            } else {
                for (int k = 0; k < count; k++) {
                    out[outAt + k] = in[inAt + k * step];
                }
            }
            return;
        }
        int outStep = plan.outSteps[level];
        int innerCount = plan.counts[level + 1];
        for (int k = 0; k < count; k++) {
            copy(plan, level + 1, innerCount, in, inAt + k * step, out, outAt + k * outStep);
        }
    }
}
