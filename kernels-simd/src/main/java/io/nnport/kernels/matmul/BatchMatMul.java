package io.nnport.kernels.matmul;

import io.nnport.kernels.Dims;
import io.nnport.kernels.KernelContext;
import io.nnport.kernels.Simd;

/**
 * Matrix product of two runtime tensors, TensorFlow's {@code BatchMatMulV2} (attention scores
 * {@code Q x K^T}, {@code weights x V}; MatMul of two activations): for every output matrix of the
 * {@link BatchMatMulPlan},
 *
 * <pre>
 *   out(i, j) = sum_p A(i, p) * B(p, j)     A = adjX ? a^T : a,  B = adjY ? b^T : b
 *   acc = +0;  for p = 0 .. K-1:  acc = fma(A(i, p), B(p, j), acc);  out(i, j) = acc
 * </pre>
 *
 * one fused-multiply-add chain per element, p ascending: the GEMM's numeric contract, so the vector
 * kernel and {@link BatchMatMulScalar} agree bit for bit, NaN and infinities included.
 *
 * <p>Not the {@code Gemm} facade: that one takes B packed once at load, and packing a runtime B
 * allocates a {@code PackedB} per call. Here B's rows are read in place (with adjY, b's matrix is
 * first transposed into the caller's scratch, K x N floats, O(KN) against the product's O(MKN)), and
 * a register-blocked kernel of 6 rows x 2 vectors keeps 12 accumulators in registers, the 16
 * registers of AVX2 included; A is read by scalar broadcasts, with either layout. No cache blocking
 * over K: the operands of attention-sized products (K, N in the hundreds) stay in L2.
 *
 * <p>Layouts row-major at the offsets, matrices of a batch entry back to back. The output is written,
 * never read, and must not overlap a, b or the scratch. Runs on the Vector API when
 * {@link Simd#VECTOR}, else on the scalar twin. Allocates nothing.
 */
public final class BatchMatMul {

    private BatchMatMul() {}

    /**
     * The product for {@code batch} entries (operands without BATCH are shared by every entry; when
     * neither has it, the product is computed {@code batch} times, back to back).
     *
     * @param ctx its scratch holds at least {@link BatchMatMulPlan#scratchFloats()} floats (none
     *            without adjY); its team is unused (this kernel runs on the calling thread)
     * @throws IllegalArgumentException if batch is negative
     * @throws IndexOutOfBoundsException if an operand, the output or the scratch is too short
     */
    public static void matmul(BatchMatMulPlan plan, float[] a, int aOff, float[] b, int bOff, int batch, float[] out,
                              int outOff, KernelContext ctx) {
        Dims.checkBatch(batch);
        Dims.checkRange(a, aOff, plan.aLength(batch), "matmul a");
        Dims.checkRange(b, bOff, plan.bLength(batch), "matmul b");
        Dims.checkRange(out, outOff, plan.outLength(batch), "matmul out");
        if (plan.scratchFloats() > 0) {
            Dims.checkRange(ctx.scratch(), ctx.scratchOffset(), plan.scratchFloats(), "matmul scratch");
        }
        if (Simd.VECTOR) {
            BatchMatMulVector.matmul(plan, a, aOff, b, bOff, batch, out, outOff, ctx.scratch(), ctx.scratchOffset());
        } else {
            BatchMatMulScalar.matmul(plan, a, aOff, b, bOff, batch, out, outOff, ctx);
        }
    }
}
