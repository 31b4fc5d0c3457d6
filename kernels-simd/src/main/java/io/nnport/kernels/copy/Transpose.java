package io.nnport.kernels.copy;

import io.nnport.kernels.Dims;

/**
 * Transpose by any permutation (TF Transpose), as planned by a {@link TransposePlan}. Scalar only by
 * design (see the {@linkplain io.nnport.kernels.copy package documentation}): matrix transposes go
 * through {@value #TILE} x {@value #TILE} tiles, so that both the rows read and the rows written stay
 * in L1; contiguous runs are {@link System#arraycopy}. Exact; allocates nothing; out must not
 * overlap in.
 */
public final class Transpose {

    /**
     * Tile side of the matrix transposes: 16 rows of 16 floats (one 64-byte line each) read, 16 lines
     * written, 2 KB in all.
     */
    static final int TILE = 16;

    private Transpose() {}

    /**
     * Transposes {@code batch} entries of the plan's input shape into its output shape.
     *
     * @throws IllegalArgumentException if batch is negative
     * @throws IndexOutOfBoundsException if in or out is too short
     */
    public static void copy(TransposePlan plan, float[] in, int inOff, int batch, float[] out, int outOff) {
        Dims.checkBatch(batch);
        Dims.checkRange(in, inOff, plan.length(batch), "transpose in");
        Dims.checkRange(out, outOff, plan.length(batch), "transpose out");
        int size = plan.sampleSize;
        switch (plan.kind) {
            case COPY -> System.arraycopy(in, inOff, out, outOff, batch * size);
            case MATRIX -> {
                for (int b = 0; b < batch; b++) {
                    // Output [counts[0], counts[1]] reads the input as [counts[1], counts[0]].
                    matrix(in, inOff + b * size, plan.counts[1], plan.counts[0], out, outOff + b * size);
                }
            }
            case MATRICES -> {
                int rows = plan.counts[2];
                int cols = plan.counts[1];
                int matrices = plan.counts[0] * batch;
                for (int m = 0; m < matrices; m++) {
                    matrix(in, inOff + m * rows * cols, rows, cols, out, outOff + m * rows * cols);
                }
            }
            case GENERAL -> {
                for (int b = 0; b < batch; b++) {
                    walk(plan, 0, in, inOff + b * size, out, outOff + b * size);
                }
            }
        }
    }

    /** out[c, r] = in[r, c] for an input of {@code rows x cols}, tile by tile. */
    private static void matrix(float[] in, int inOff, int rows, int cols, float[] out, int outOff) {
        for (int r0 = 0; r0 < rows; r0 += TILE) {
            int r1 = Math.min(rows, r0 + TILE);
            for (int c0 = 0; c0 < cols; c0 += TILE) {
                int c1 = Math.min(cols, c0 + TILE);
                for (int c = c0; c < c1; c++) {
                    int o = outOff + c * rows;
                    for (int r = r0; r < r1; r++) {
                        out[o + r] = in[inOff + r * cols + c];
                    }
                }
            }
        }
    }

    private static void walk(TransposePlan plan, int level, float[] in, int inAt, float[] out, int outAt) {
        int count = plan.counts[level];
        int step = plan.inStrides[level];
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
        int outStep = plan.outStrides[level];
        for (int k = 0; k < count; k++) {
            walk(plan, level + 1, in, inAt + k * step, out, outAt + k * outStep);
        }
    }
}
