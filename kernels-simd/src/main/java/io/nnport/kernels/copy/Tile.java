package io.nnport.kernels.copy;

import io.nnport.kernels.Dims;

/**
 * Tile: {@code out} (the plan's output shape) is {@code in} repeated along each axis (see
 * {@link TilePlan}). Each output block is written once from the input and then replicated by
 * doubling copies within the output (1, 2, 4, ... blocks per {@link System#arraycopy}), so repeating
 * a single element a thousand times is ten copies. Scalar only by design (see the
 * {@linkplain io.nnport.kernels.copy package documentation}). Exact; allocates nothing; out must not
 * overlap in.
 */
public final class Tile {

    private Tile() {}

    /**
     * Tiles {@code batch} entries (a shape without BATCH: the tensor repeated batch times back to back,
     * each tiled).
     *
     * @throws IllegalArgumentException if batch is negative
     * @throws IndexOutOfBoundsException if in or out is too short
     */
    public static void copy(TilePlan plan, float[] in, int inOff, int batch, float[] out, int outOff) {
        Dims.checkBatch(batch);
        Dims.checkRange(in, inOff, plan.inLength(batch), "tile in");
        Dims.checkRange(out, outOff, plan.outLength(batch), "tile out");
        for (int b = 0; b < batch; b++) {
            fill(plan, 0, in, inOff + b * plan.inSize(), out, outOff + b * plan.outSize());
        }
    }

    /** Writes the output block of axis {@code level} for the input block at {@code inAt}. */
    private static void fill(TilePlan plan, int level, float[] in, int inAt, float[] out, int outAt) {
        int d = plan.dims[level];
        int sub = plan.outBlocks[level];
        if (level == plan.dims.length - 1) {
            System.arraycopy(in, inAt, out, outAt, d);
        } else {
            int step = plan.inSteps[level];
            for (int j = 0; j < d; j++) {
                fill(plan, level + 1, in, inAt + j * step, out, outAt + j * sub);
            }
        }
        replicate(out, outAt, d * sub, plan.multiples[level]);
    }

    /** Copies {@code out[at, at + length)} so that it appears {@code times} times back to back. */
    private static void replicate(float[] out, int at, int length, int times) {
        long total = (long) length * times;
        long filled = length;
        while (filled < total) {
            int n = (int) Math.min(filled, total - filled);
            System.arraycopy(out, at, out, at + (int) filled, n);
            filled += n;
        }
    }
}
