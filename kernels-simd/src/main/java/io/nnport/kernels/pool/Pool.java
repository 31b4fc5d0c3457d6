package io.nnport.kernels.pool;

import io.nnport.kernels.Dims;
import io.nnport.kernels.Padding;
import io.nnport.kernels.Simd;
import io.nnport.kernels.Window;

/**
 * Max and average pooling, NHWC (2-D) and NWC (1-D), float32, and global pooling over all spatial
 * positions. Geometry is TensorFlow's, from {@link Window} (VALID, or SAME with the odd padding element
 * at the end); pooling windows have no dilation. A window that covers no input element at all (only
 * possible with explicit padding wider than the window) gives -inf (max) or NaN (average of nothing).
 *
 * <pre>
 *   max:  dst[b, oy, ox, c] = max over valid taps of src[b, iy, ix, c]        (NaN propagates)
 *   avg:  dst[b, oy, ox, c] = (sum over valid taps, in tap order) / (number of valid taps)
 *         padding is excluded from the count, as in TensorFlow: a 3x3 SAME corner divides by 4
 *   iy = oy * strideH - padTopH + ky,  ix = ox * strideW - padLeft + kx,  valid when inside the input
 * </pre>
 *
 * Vectorized over channels when {@link Simd#VECTOR}; {@link PoolScalar} is the twin with the same
 * signatures and the same operation order, so the two agree bit for bit. Not in place (the output
 * must not overlap the input). Allocates nothing.
 */
public final class Pool {

    /** The height axis of a 1-D pooling: one row, a window of one. */
    static final Window ONE_ROW = Window.pool(1, 1, 1, Padding.VALID);

    private Pool() {}

    /**
     * 1-D max pooling: src [batch, w.in(), channels] (NWC) to dst [batch, w.out(), channels].
     *
     * @throws IllegalArgumentException for a dilated window or negative sizes
     * @throws IndexOutOfBoundsException if a tensor does not fit its array
     */
    public static void max1d(Window w, float[] src, int srcOff, float[] dst, int dstOff, int batch, int channels) {
        max2d(ONE_ROW, w, src, srcOff, dst, dstOff, batch, channels);
    }

    /** 1-D average pooling (padding excluded from the count); see {@link #max1d}. */
    public static void avg1d(Window w, float[] src, int srcOff, float[] dst, int dstOff, int batch, int channels) {
        avg2d(ONE_ROW, w, src, srcOff, dst, dstOff, batch, channels);
    }

    /**
     * 2-D max pooling: src [batch, h.in(), w.in(), channels] (NHWC) to dst [batch, h.out(), w.out(),
     * channels].
     *
     * @throws IllegalArgumentException for a dilated window or negative sizes
     * @throws IndexOutOfBoundsException if a tensor does not fit its array
     */
    public static void max2d(Window h, Window w, float[] src, int srcOff, float[] dst, int dstOff, int batch,
                             int channels) {
        check(h, w, src, srcOff, dst, dstOff, batch, channels);
        if (Simd.VECTOR) {
            PoolVector.max2d(h, w, src, srcOff, dst, dstOff, batch, channels);
        } else {
            PoolScalar.max2d(h, w, src, srcOff, dst, dstOff, batch, channels);
        }
    }

    /** 2-D average pooling (padding excluded from the count); see {@link #max2d}. */
    public static void avg2d(Window h, Window w, float[] src, int srcOff, float[] dst, int dstOff, int batch,
                             int channels) {
        check(h, w, src, srcOff, dst, dstOff, batch, channels);
        if (Simd.VECTOR) {
            PoolVector.avg2d(h, w, src, srcOff, dst, dstOff, batch, channels);
        } else {
            PoolScalar.avg2d(h, w, src, srcOff, dst, dstOff, batch, channels);
        }
    }

    /**
     * Global max pooling: src [batch, positions, channels] (positions = H x W, or W) to dst [batch,
     * channels], the maximum over positions (Keras GlobalMaxPooling1D/2D, TF Max over axes [1, 2]).
     *
     * @throws IllegalArgumentException if positions is below 1
     */
    public static void globalMax(float[] src, int srcOff, float[] dst, int dstOff, int batch, int positions,
                                 int channels) {
        checkGlobal(src, srcOff, dst, dstOff, batch, positions, channels);
        if (Simd.VECTOR) {
            PoolVector.globalMax(src, srcOff, dst, dstOff, batch, positions, channels);
        } else {
            PoolScalar.globalMax(src, srcOff, dst, dstOff, batch, positions, channels);
        }
    }

    /**
     * Global average pooling: dst[b, c] = (sum over positions in order) / positions (Keras
     * GlobalAveragePooling1D/2D, TF Mean over axes [1, 2]); see {@link #globalMax}.
     */
    public static void globalAvg(float[] src, int srcOff, float[] dst, int dstOff, int batch, int positions,
                                 int channels) {
        checkGlobal(src, srcOff, dst, dstOff, batch, positions, channels);
        if (Simd.VECTOR) {
            PoolVector.globalAvg(src, srcOff, dst, dstOff, batch, positions, channels);
        } else {
            PoolScalar.globalAvg(src, srcOff, dst, dstOff, batch, positions, channels);
        }
    }

    private static void check(Window h, Window w, float[] src, int srcOff, float[] dst, int dstOff, int batch,
                              int channels) {
        if (h.dilation() != 1 || w.dilation() != 1) {
            throw new IllegalArgumentException("pooling windows have no dilation: " + h + ", " + w);
        }
        Dims.checkBatch(batch);
        if (channels < 0) {
            throw new IllegalArgumentException("channels must be >= 0, not " + channels);
        }
        Dims.checkRange(src, srcOff, (long) batch * h.in() * w.in() * channels, "pool src");
        Dims.checkRange(dst, dstOff, (long) batch * h.out() * w.out() * channels, "pool dst");
    }

    private static void checkGlobal(float[] src, int srcOff, float[] dst, int dstOff, int batch, int positions,
                                    int channels) {
        Dims.checkBatch(batch);
        if (positions < 1 || channels < 0) {
            throw new IllegalArgumentException("global pooling needs positions >= 1 and channels >= 0, not "
                    + positions + ", " + channels);
        }
        Dims.checkRange(src, srcOff, (long) batch * positions * channels, "global pool src");
        Dims.checkRange(dst, dstOff, (long) batch * channels, "global pool dst");
    }
}
