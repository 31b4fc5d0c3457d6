package io.nnport.kernels.copy;

import io.nnport.kernels.Dims;

/**
 * Split: part p of the {@link SplitPlan} gets, row by row, its run of every input row (layout in the
 * plan). Scalar only by design: each run is one {@link System#arraycopy} (see the
 * {@linkplain io.nnport.kernels.copy package documentation}). Exact; allocates nothing; no part may
 * overlap the input or another part.
 *
 * <p>{@link #copy} writes every part in one pass over the input (each input row is read once, in
 * order); {@link #copyPart} writes one part, for outputs that live in different arrays or that
 * nothing reads.
 */
public final class Split {

    private Split() {}

    /**
     * All parts into one array (the model's arena), part p at {@code out[outOffs[p]]}, for
     * {@code batch} entries (a shape without BATCH: the tensor repeated batch times).
     *
     * @param outOffs one offset per part; a constant of the generated code, read, never kept
     * @throws IllegalArgumentException if outOffs does not hold one offset per part, or batch &lt; 0
     * @throws IndexOutOfBoundsException if the input or a part does not fit its array
     */
    public static void copy(SplitPlan plan, float[] in, int inOff, int batch, float[] out, int[] outOffs) {
        Dims.checkBatch(batch);
        if (outOffs.length != plan.parts()) {
            throw new IllegalArgumentException("split into " + plan.parts() + " parts got " + outOffs.length
                    + " output offsets");
        }
        Dims.checkRange(in, inOff, plan.inLength(batch), "split in");
        for (int p = 0; p < outOffs.length; p++) {
            Dims.checkRange(out, outOffs[p], plan.outLength(p, batch), "split out");
        }
        int rows = batch * plan.outer;
        for (int r = 0; r < rows; r++) {
            int row = inOff + r * plan.rowLength;
            for (int p = 0; p < outOffs.length; p++) {
                int len = plan.runLengths[p];
                System.arraycopy(in, row + plan.runStarts[p], out, outOffs[p] + r * len, len);
            }
        }
    }

    /**
     * Part {@code part} alone, into {@code out[outOff]}.
     *
     * @throws IllegalArgumentException if part is not a part of the plan, or batch &lt; 0
     * @throws IndexOutOfBoundsException if the input or the part does not fit its array
     */
    public static void copyPart(SplitPlan plan, int part, float[] in, int inOff, int batch, float[] out, int outOff) {
        Dims.checkBatch(batch);
        if (part < 0 || part >= plan.parts()) {
            throw new IllegalArgumentException("part " + part + " of a split into " + plan.parts());
        }
        Dims.checkRange(in, inOff, plan.inLength(batch), "split in");
        Dims.checkRange(out, outOff, plan.outLength(part, batch), "split out");
        int rows = batch * plan.outer;
        int len = plan.runLengths[part];
        int from = inOff + plan.runStarts[part];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(in, from + r * plan.rowLength, out, outOff + r * len, len);
        }
    }
}
