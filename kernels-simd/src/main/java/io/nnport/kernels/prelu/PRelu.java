package io.nnport.kernels.prelu;

import io.nnport.kernels.Dims;
import io.nnport.kernels.Simd;

/**
 * Parametric ReLU (Keras {@code PReLU}, TF's {@code relu(x) - alpha * relu(-x)}): a learned slope per
 * channel for the negative part.
 *
 * <pre>
 *   dst[r*channels + c] = x &gt; 0 ? x : alpha[c] * x      x = src[r*channels + c], r &lt; rows, c &lt; channels
 * </pre>
 *
 * Layout: rows of {@code channels} floats, alpha's period along the last axis; for NHWC,
 * {@code rows = batch * H * W}. Keras shares alpha over the axes in {@code shared_axes}; an alpha
 * that varies over more than the last axis (no shared axes: alpha is [H, W, C]) is the same call with
 * {@code channels = H * W * C} and {@code rows = batch}. NaN stays NaN. Agrees with TensorFlow's
 * formula bit for bit: 0 + (-alpha * -x) is alpha * x.
 *
 * <p>In place when {@code src == dst && srcOff == dstOff}; no other overlap. Runs on the Vector API
 * when {@link Simd#VECTOR}, else on {@link PReluScalar}; both compute the same product, so they agree
 * bit for bit. Allocates nothing.
 */
public final class PRelu {

    private PRelu() {}

    /**
     * See the class formula.
     *
     * @param alpha    at least {@code channels} slopes, read from index 0
     * @throws IllegalArgumentException if {@code channels < 1} or {@code rows < 0}
     * @throws IndexOutOfBoundsException if alpha, src or dst is too short
     */
    public static void apply(float[] alpha, int channels, float[] src, int srcOff, float[] dst, int dstOff, int rows) {
        if (channels < 1 || rows < 0) {
            throw new IllegalArgumentException("prelu needs channels >= 1 and rows >= 0: channels=" + channels
                    + " rows=" + rows);
        }
        Dims.checkRange(alpha, 0, channels, "prelu alpha");
        Dims.checkRange(src, srcOff, (long) rows * channels, "prelu src");
        Dims.checkRange(dst, dstOff, (long) rows * channels, "prelu dst");
        if (Simd.VECTOR) {
            PReluVector.apply(alpha, channels, src, srcOff, dst, dstOff, rows);
        } else {
            PReluScalar.apply(alpha, channels, src, srcOff, dst, dstOff, rows);
        }
    }
}
