package io.nnport.kernels.resize;

import io.nnport.kernels.Dims;
import io.nnport.kernels.Simd;

/**
 * TensorFlow's {@code ResizeBilinear} (tf.image.resize with method bilinear, Keras UpSampling2D with
 * interpolation bilinear) over NHWC images: for output pixel (y, x), channel c, with the
 * {@link BilinearPlan}'s rows (lower, upper, yLerp) and columns (left, right, xLerp),
 *
 * <pre>
 *   top    = in[lower, left]  + (in[lower, right] - in[lower, left])  * xLerp
 *   bottom = in[upper, left]  + (in[upper, right] - in[upper, left])  * xLerp
 *   out    = top + (bottom - top) * yLerp
 * </pre>
 *
 * in this order and without fused multiply-adds, as TensorFlow computes it: the same bits as
 * TensorFlow's CPU kernel, NaN and infinities included.
 *
 * <p>Runs on the Vector API when {@link Simd#VECTOR} (vectorized over channels: images with fewer
 * channels than a vector holds run the scalar loop), else on {@link ResizeBilinearScalar}; both
 * perform the same float operations, so they agree bit for bit. Never in place (the sizes differ,
 * and an equal-size resize copies); allocates nothing.
 */
public final class ResizeBilinear {

    private ResizeBilinear() {}

    /**
     * Resizes {@code batch} images [inH, inW, C] at {@code in[inOff]} into [outH, outW, C] at
     * {@code out[outOff]} (written, never read); out must not overlap in.
     *
     * @throws IllegalArgumentException if batch is negative
     * @throws IndexOutOfBoundsException if in or out is too short
     */
    public static void resize(BilinearPlan plan, float[] in, int inOff, int batch, float[] out, int outOff) {
        Dims.checkBatch(batch);
        Dims.checkRange(in, inOff, (long) batch * plan.inputSize(), "resize in");
        Dims.checkRange(out, outOff, (long) batch * plan.outputSize(), "resize out");
        if (plan.isCopy()) {
            System.arraycopy(in, inOff, out, outOff, batch * plan.inputSize());
        } else if (Simd.VECTOR) {
            ResizeBilinearVector.resize(plan, in, inOff, batch, out, outOff);
        } else {
            ResizeBilinearScalar.resize(plan, in, inOff, batch, out, outOff);
        }
    }
}
