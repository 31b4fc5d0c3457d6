package io.nnport.kernels.elementwise;

import io.nnport.kernels.Dims;
import io.nnport.kernels.Epilogue;
import io.nnport.kernels.Simd;

/**
 * Per-channel affine kernels over the last axis: bias add, inference BatchNorm folded to scale and
 * shift, and those fused with a clamp (ReLU, ReLU6) or any activation. The operation is an
 * {@link Epilogue}, the same record GEMM and convolution apply in registers, so there is one kernel:
 *
 * <pre>
 *   bias add          Epilogue.bias(bias)
 *   BatchNorm         Epilogue.scaleShift(scale, shift)      scale = gamma / sqrt(var + eps),
 *                                                            shift = beta - mean * scale
 *   BatchNorm + ReLU  Epilogue.scaleShift(scale, shift).then(Activation.RELU, 0)
 * </pre>
 *
 * Runs on the Vector API when {@link Simd#VECTOR}, otherwise on {@link ChannelwiseScalar}; they agree
 * bit for bit except for transcendental activations (a few ulps). Allocates nothing.
 */
public final class Channelwise {

    private Channelwise() {}

    /**
     * {@code dst[r, c] = epilogue.apply(src[r, c], c)} for r in [0, rows), c in [0, channels): a
     * row-major [rows, channels] block, {@code rows} = batch x spatial positions (NHWC, NWC or [B, C]).
     * In place when {@code src == dst && srcOff == dstOff}.
     *
     * @throws IllegalArgumentException if the epilogue's scale or shift holds fewer than
     *         {@code channels} values
     * @throws IndexOutOfBoundsException if a block lies outside its array
     */
    public static void apply(Epilogue epilogue, float[] src, int srcOff, float[] dst, int dstOff, int rows,
                             int channels) {
        if (rows < 0 || channels < 0) {
            throw new IllegalArgumentException("rows and channels must be >= 0, not " + rows + ", " + channels);
        }
        checkChannels(epilogue.scale(), channels, "scale");
        checkChannels(epilogue.shift(), channels, "shift");
        long n = (long) rows * channels;
        Dims.checkRange(src, srcOff, n, "channelwise src");
        Dims.checkRange(dst, dstOff, n, "channelwise dst");
        if (Simd.VECTOR) {
            ChannelwiseVector.apply(epilogue, src, srcOff, dst, dstOff, rows, channels);
        } else {
            ChannelwiseScalar.apply(epilogue, src, srcOff, dst, dstOff, rows, channels);
        }
    }

    private static void checkChannels(float[] values, int channels, String what) {
        if (values != null && values.length < channels) {
            throw new IllegalArgumentException("epilogue " + what + " holds " + values.length + " values for "
                    + channels + " channels");
        }
    }
}
