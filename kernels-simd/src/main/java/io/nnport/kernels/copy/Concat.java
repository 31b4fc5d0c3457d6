package io.nnport.kernels.copy;

import io.nnport.kernels.Dims;

/**
 * Concatenation along one axis (TF ConcatV2, Keras Concatenate): the output's rows are the inputs'
 * rows side by side, as laid out by a {@link ConcatPlan}. Scalar only by design: each run is one
 * {@link System#arraycopy} (see the {@linkplain io.nnport.kernels.copy package documentation}). Exact;
 * allocates nothing; the output must not overlap an input.
 *
 * <p>{@link #copy} writes the output once, row by row, reading every input from one array (the
 * arena); {@link #copyPart} places one input, for inputs that live in different arrays (the model's
 * input next to an arena tensor): calling it for every part gives the same output.
 */
public final class Concat {

    private Concat() {}

    /**
     * Concatenates the plan's inputs, input p at {@code in[inOffs[p]]}, into {@code out}.
     *
     * @throws IllegalArgumentException if batch is negative or inOffs has the wrong length
     * @throws IndexOutOfBoundsException if an input or the output does not fit its array
     */
    public static void copy(ConcatPlan plan, float[] in, int[] inOffs, int batch, float[] out, int outOff) {
        Dims.checkBatch(batch);
        if (inOffs.length != plan.parts()) {
            throw new IllegalArgumentException("concat of " + plan.parts() + " inputs given " + inOffs.length + " offsets");
        }
        for (int p = 0; p < inOffs.length; p++) {
            long n = plan.inLength(p, batch);
            // Checked here rather than through Dims.checkRange: its message, "concat input " + p, would
            // be built (allocated) on every call.
            if (inOffs[p] < 0 || inOffs[p] + n > in.length) {
                Dims.checkRange(in, inOffs[p], n, "concat input " + p);
            }
        }
        Dims.checkRange(out, outOff, plan.outLength(batch), "concat out");
        int rows = plan.outer * batch;
        for (int r = 0; r < rows; r++) {
            int rowAt = outOff + r * plan.rowLength;
            for (int p = 0; p < inOffs.length; p++) {
                int n = plan.runLengths[p];
                System.arraycopy(in, inOffs[p] + r * n, out, rowAt + plan.runStarts[p], n);
            }
        }
    }

    /**
     * Writes input {@code part} into its place in {@code out}; the other parts' places are untouched.
     *
     * @throws IllegalArgumentException if batch is negative
     * @throws IndexOutOfBoundsException if part is not an input of the plan or a tensor does not fit
     */
    public static void copyPart(ConcatPlan plan, int part, float[] in, int inOff, int batch, float[] out,
                                int outOff) {
        Dims.checkBatch(batch);
        if (part < 0 || part >= plan.parts()) {
            throw new IndexOutOfBoundsException("concat part " + part + " of " + plan.parts());
        }
        long n = plan.inLength(part, batch);
        if (inOff < 0 || inOff + n > in.length) {
            Dims.checkRange(in, inOff, n, "concat input " + part);
        }
        Dims.checkRange(out, outOff, plan.outLength(batch), "concat out");
        int run = plan.runLengths[part];
        int rows = plan.outer * batch;
        for (int r = 0; r < rows; r++) {
            System.arraycopy(in, inOff + r * run, out, outOff + r * plan.rowLength + plan.runStarts[part], run);
        }
    }
}
