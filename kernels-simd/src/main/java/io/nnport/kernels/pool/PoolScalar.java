package io.nnport.kernels.pool;

import io.nnport.kernels.Window;
import java.util.Arrays;

/**
 * The scalar twin of {@link Pool}: same signatures, same loops and operation order per element
 * (taps in (ky, kx) order, sum then one division), no argument checks.
 */
public final class PoolScalar {

    private PoolScalar() {}

    /** See {@link Pool#max1d}. */
    public static void max1d(Window w, float[] src, int srcOff, float[] dst, int dstOff, int batch, int channels) {
        max2d(Pool.ONE_ROW, w, src, srcOff, dst, dstOff, batch, channels);
    }

    /** See {@link Pool#avg1d}. */
    public static void avg1d(Window w, float[] src, int srcOff, float[] dst, int dstOff, int batch, int channels) {
        avg2d(Pool.ONE_ROW, w, src, srcOff, dst, dstOff, batch, channels);
    }

    /** See {@link Pool#max2d}. */
    public static void max2d(Window h, Window w, float[] src, int srcOff, float[] dst, int dstOff, int batch,
                             int channels) {
        pool(true, h, w, src, srcOff, dst, dstOff, batch, channels);
    }

    /** See {@link Pool#avg2d}. */
    public static void avg2d(Window h, Window w, float[] src, int srcOff, float[] dst, int dstOff, int batch,
                             int channels) {
        pool(false, h, w, src, srcOff, dst, dstOff, batch, channels);
    }

    /** See {@link Pool#globalMax}. */
    public static void globalMax(float[] src, int srcOff, float[] dst, int dstOff, int batch, int positions,
                                 int channels) {
        for (int b = 0; b < batch; b++) {
            int out = dstOff + b * channels;
            Arrays.fill(dst, out, out + channels, Float.NEGATIVE_INFINITY);
            for (int p = 0; p < positions; p++) {
                int in = srcOff + (b * positions + p) * channels;
                for (int c = 0; c < channels; c++) {
                    dst[out + c] = Math.max(dst[out + c], src[in + c]);
                }
            }
        }
    }

    /** See {@link Pool#globalAvg}. */
    public static void globalAvg(float[] src, int srcOff, float[] dst, int dstOff, int batch, int positions,
                                 int channels) {
        float count = positions;
        for (int b = 0; b < batch; b++) {
            int out = dstOff + b * channels;
            Arrays.fill(dst, out, out + channels, 0f);
            for (int p = 0; p < positions; p++) {
                int in = srcOff + (b * positions + p) * channels;
                for (int c = 0; c < channels; c++) {
                    dst[out + c] += src[in + c];
                }
            }
            for (int c = 0; c < channels; c++) {
                dst[out + c] /= count;
            }
        }
    }

    /**
     * Pools each output pixel into its channel row of dst: first tap stored, later taps combined in
     * (ky, kx) order, then (average) divided by the number of valid taps.
     */
    private static void pool(boolean max, Window h, Window w, float[] src, int srcOff, float[] dst, int dstOff,
                             int batch, int channels) {
        int inH = h.in();
        int inW = w.in();
        int outH = h.out();
        int outW = w.out();
        int padTop = h.padBefore();
        int padLeft = w.padBefore();
        for (int b = 0; b < batch; b++) {
            for (int oy = 0; oy < outH; oy++) {
                int y0 = oy * h.stride() - padTop;
                int ky0 = Math.max(0, -y0);
                int ky1 = Math.min(h.size(), inH - y0);
                for (int ox = 0; ox < outW; ox++) {
                    int x0 = ox * w.stride() - padLeft;
                    int kx0 = Math.max(0, -x0);
                    int kx1 = Math.min(w.size(), inW - x0);
                    int out = dstOff + ((b * outH + oy) * outW + ox) * channels;
                    if (ky1 <= ky0 || kx1 <= kx0) {
                        Arrays.fill(dst, out, out + channels, max ? Float.NEGATIVE_INFINITY : Float.NaN);
                        continue;
                    }
                    boolean first = true;
                    for (int ky = ky0; ky < ky1; ky++) {
                        for (int kx = kx0; kx < kx1; kx++) {
                            int in = srcOff + ((b * inH + y0 + ky) * inW + x0 + kx) * channels;
                            if (first) {
                                System.arraycopy(src, in, dst, out, channels);
                                first = false;
                            } else if (max) {
                                for (int c = 0; c < channels; c++) {
                                    dst[out + c] = Math.max(dst[out + c], src[in + c]);
                                }
                            } else {
                                for (int c = 0; c < channels; c++) {
                                    dst[out + c] += src[in + c];
                                }
                            }
                        }
                    }
                    if (!max) {
                        float count = (ky1 - ky0) * (kx1 - kx0);
                        for (int c = 0; c < channels; c++) {
                            dst[out + c] /= count;
                        }
                    }
                }
            }
        }
    }
}
