package io.nnport.kernels.reduce;

import io.nnport.kernels.Dims;
import io.nnport.kernels.Simd;

/**
 * Reductions (sum, mean, max, min, product) of a tensor over any set of axes, as planned by a
 * {@link ReducePlan}: {@code dst[kept index] = reduce over the reduced axes of src}, the output laid
 * out as the kept axes in order. Runs on the Vector API when {@link Simd#VECTOR}, otherwise on
 * {@link ReduceScalar}. Max and min agree bit for bit; where the reduced axes are the innermost ones
 * (ROWS) the vector sum and product add in lanes, a different order than the scalar loop (APPROX
 * tier); where a kept axis is innermost (COLUMNS: H and W of NHWC) both accumulate in the same order
 * and agree bit for bit. Not in place. Allocates nothing.
 */
public final class Reduce {

    private Reduce() {}

    /**
     * Reduces src (the plan's input shape) into dst (its output shape).
     *
     * @param batch the size of the BATCH axis (for a shape without one: how many tensors back to back)
     * @throws IndexOutOfBoundsException if a tensor does not fit its array
     */
    public static void apply(ReduceOp op, ReducePlan plan, float[] src, int srcOff, float[] dst, int dstOff,
                             int batch) {
        Dims.checkBatch(batch);
        Dims.checkRange(src, srcOff, plan.inLength(batch), "reduce src");
        Dims.checkRange(dst, dstOff, plan.outLength(batch), "reduce dst");
        if (Simd.VECTOR) {
            ReduceVector.apply(op, plan, src, srcOff, dst, dstOff, batch);
        } else {
            ReduceScalar.apply(op, plan, src, srcOff, dst, dstOff, batch);
        }
    }
}
