package io.nnport.kernels.elementwise;

import io.nnport.kernels.Dims;
import io.nnport.kernels.Simd;

/**
 * Binary elementwise kernels with NumPy broadcasting: {@code out = a op b} over the shapes of a
 * {@link BroadcastPlan}. Runs on the Vector API when {@link Simd#VECTOR}, otherwise on
 * {@link BinaryScalar}; both perform the same float operation per element, so they agree bit for bit.
 * Allocates nothing.
 */
public final class Binary {

    private Binary() {}

    /**
     * {@code out[i] = op(a[ia], b[ib])} for every index i of the plan's output shape, ia and ib the
     * broadcast indices (see {@link BroadcastPlan}); all three arrays row-major at their offsets.
     *
     * <p>In place: {@code out} may be {@code a} at the same offset when
     * {@link BroadcastPlan#outputMayOverwriteA()} (a has the output's shape), likewise for b; no other
     * overlap is allowed.
     *
     * @param batch the size of the BATCH axis (the number of repetitions when neither shape has one)
     * @throws IndexOutOfBoundsException if an operand or the output does not fit its array
     */
    public static void apply(BinaryOp op, BroadcastPlan plan, float[] a, int aOff, float[] b, int bOff, float[] out,
                             int outOff, int batch) {
        Dims.checkBatch(batch);
        Dims.checkRange(a, aOff, plan.aLength(batch), "binary a");
        Dims.checkRange(b, bOff, plan.bLength(batch), "binary b");
        Dims.checkRange(out, outOff, plan.outLength(batch), "binary out");
        if (Simd.VECTOR) {
            BinaryVector.apply(op, plan, a, aOff, b, bOff, out, outOff, batch);
        } else {
            BinaryScalar.apply(op, plan, a, aOff, b, bOff, out, outOff, batch);
        }
    }
}
