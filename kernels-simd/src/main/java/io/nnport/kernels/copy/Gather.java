package io.nnport.kernels.copy;

import io.nnport.kernels.Dims;

/**
 * Gather: {@code out[o, k, :] = params[o, ids[k], :]} as laid out by a {@link GatherPlan}; an
 * embedding lookup copies one table row per id. Every id is checked against the gathered axis before
 * anything is written, so a bad id leaves the output untouched. Scalar only by design: each row is
 * one {@link System#arraycopy} (see the {@linkplain io.nnport.kernels.copy package documentation}).
 * Exact; allocates nothing; out must not overlap params.
 */
public final class Gather {

    private Gather() {}

    /**
     * Gathers {@code batch} entries.
     *
     * @throws IndexOutOfBoundsException if an id is outside [0, axis length) (the message names the id
     *         and its position), or a tensor does not fit its array
     * @throws IllegalArgumentException if batch is negative
     */
    public static void copy(GatherPlan plan, float[] params, int paramsOff, int[] ids, int idsOff, int batch,
                            float[] out, int outOff) {
        Dims.checkBatch(batch);
        Dims.checkRange(params, paramsOff, plan.paramsLength(batch), "gather params");
        Dims.checkRange(ids, idsOff, plan.idsLength(batch), "gather ids");
        Dims.checkRange(out, outOff, plan.outLength(batch), "gather out");
        long idCount = plan.idsLength(batch);
        for (int k = 0; k < idCount; k++) {
            int id = ids[idsOff + k];
            if (id < 0 || id >= plan.axisLength) {
                throw new IndexOutOfBoundsException("gather: id " + id + " at position " + k + " of the ids is outside"
                        + " [0, " + plan.axisLength + ") of the table's rows");
            }
        }
        int inner = plan.inner;
        for (int b = 0; b < batch; b++) {
            int p = paramsOff + b * plan.paramsBatchStride;
            int i = idsOff + b * plan.idsBatchStride;
            int at = outOff + b * plan.outSize;
            for (int o = 0; o < plan.outer; o++) {
                int row = p + o * plan.axisLength * inner;
                for (int k = 0; k < plan.count; k++) {
                    System.arraycopy(params, row + ids[i + k] * inner, out, at, inner);
                    at += inner;
                }
            }
        }
    }
}
