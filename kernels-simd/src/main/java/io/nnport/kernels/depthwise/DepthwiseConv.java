package io.nnport.kernels.depthwise;

import io.nnport.kernels.Dims;
import io.nnport.kernels.Simd;

/**
 * Depthwise 2-D convolution (TF DepthwiseConv2dNative, Keras DepthwiseConv2D), NHWC, channel
 * multiplier &gt;= 1, as described by a {@link DepthwiseSpec}:
 *
 * <pre>
 *   acc = 0
 *   for ky, kx in order, over the taps inside the input (padding contributes nothing):
 *       acc = fma(src[b, oy*sh - padTop + ky*dh, ox*sw - padLeft + kx*dw, oc / multiplier],
 *                 filter[ky, kx, oc], acc)
 *   dst[b, oy, ox, oc] = epilogue.apply(acc, oc)
 * </pre>
 *
 * Vectorized over output channels when {@link Simd#VECTOR}; {@link DepthwiseConvScalar} runs the same
 * fma chain per channel, so the two agree bit for bit but for transcendental activations. Not in
 * place. Allocates nothing.
 */
public final class DepthwiseConv {

    private DepthwiseConv() {}

    /**
     * Convolves {@code batch} images.
     *
     * @throws IllegalArgumentException if batch is negative
     * @throws IndexOutOfBoundsException if the input or output does not fit its array
     */
    public static void apply(DepthwiseSpec spec, float[] src, int srcOff, float[] dst, int dstOff, int batch) {
        Dims.checkBatch(batch);
        Dims.checkRange(src, srcOff, spec.inLength(batch), "depthwise src");
        Dims.checkRange(dst, dstOff, spec.outLength(batch), "depthwise dst");
        if (Simd.VECTOR) {
            DepthwiseConvVector.apply(spec, src, srcOff, dst, dstOff, batch);
        } else {
            DepthwiseConvScalar.apply(spec, src, srcOff, dst, dstOff, batch);
        }
    }
}
