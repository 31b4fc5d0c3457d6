package io.nnport.kernels.pool;

import static io.nnport.kernels.vector.Species.F;
import static io.nnport.kernels.vector.Species.LANES;
import static jdk.incubator.vector.VectorOperators.MAX;

import io.nnport.kernels.Window;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * The vector twin of {@link PoolScalar}, vectorized over channels: per output pixel and block of
 * LANES channels the taps are combined in registers in (ky, kx) order, the first tap loaded as is, so
 * every lane performs the scalar twin's operations in its order. Channels past the last whole vector
 * take the scalar loop. Only loaded when {@code Simd.VECTOR}.
 */
final class PoolVector {

    private PoolVector() {}

    static void max2d(Window h, Window w, float[] src, int srcOff, float[] dst, int dstOff, int batch, int channels) {
        pool(true, h, w, src, srcOff, dst, dstOff, batch, channels);
    }

    static void avg2d(Window h, Window w, float[] src, int srcOff, float[] dst, int dstOff, int batch, int channels) {
        pool(false, h, w, src, srcOff, dst, dstOff, batch, channels);
    }

    static void globalMax(float[] src, int srcOff, float[] dst, int dstOff, int batch, int positions, int channels) {
        int upper = F.loopBound(channels);
        for (int b = 0; b < batch; b++) {
            int in = srcOff + b * positions * channels;
            int out = dstOff + b * channels;
            int c = 0;
            for (; c < upper; c += LANES) {
                FloatVector acc = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
                for (int p = 0; p < positions; p++) {
                    acc = acc.lanewise(MAX, FloatVector.fromArray(F, src, in + p * channels + c));
                }
                acc.intoArray(dst, out + c);
            }
            for (; c < channels; c++) {
                float acc = Float.NEGATIVE_INFINITY;
                for (int p = 0; p < positions; p++) {
                    acc = Math.max(acc, src[in + p * channels + c]);
                }
                dst[out + c] = acc;
            }
        }
    }

    static void globalAvg(float[] src, int srcOff, float[] dst, int dstOff, int batch, int positions, int channels) {
        int upper = F.loopBound(channels);
        float count = positions;
        for (int b = 0; b < batch; b++) {
            int in = srcOff + b * positions * channels;
            int out = dstOff + b * channels;
            int c = 0;
            for (; c < upper; c += LANES) {
                FloatVector acc = FloatVector.zero(F);
                for (int p = 0; p < positions; p++) {
                    acc = acc.add(FloatVector.fromArray(F, src, in + p * channels + c));
                }
                acc.div(count).intoArray(dst, out + c);
            }
            for (; c < channels; c++) {
                float acc = 0f;
                for (int p = 0; p < positions; p++) {
                    acc += src[in + p * channels + c];
                }
                dst[out + c] = acc / count;
            }
        }
    }

    private static void pool(boolean max, Window h, Window w, float[] src, int srcOff, float[] dst, int dstOff,
                             int batch, int channels) {
        int inH = h.in();
        int inW = w.in();
        int outH = h.out();
        int outW = w.out();
        int padTop = h.padBefore();
        int padLeft = w.padBefore();
        int upper = F.loopBound(channels);
        int rowStride = inW * channels;
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
                    // Input offset of tap (ky0, kx0); tap (ky, kx) is ky * rowStride + kx * channels further.
                    int in = srcOff + ((b * inH + y0 + ky0) * inW + x0 + kx0) * channels;
                    int rows = ky1 - ky0;
                    int cols = kx1 - kx0;
                    if (rows <= 0 || cols <= 0) {
                        Arrays.fill(dst, out, out + channels, max ? Float.NEGATIVE_INFINITY : Float.NaN);
                        continue;
                    }
                    int taps = rows * cols;
                    int rowJump = rowStride - cols * channels;
                    int c = 0;
                    // One loop over the taps, not ky and kx loops: JDK 17's C2 keeps a vector in a
                    // register through one loop's phi but boxes it (allocating) across nested loops.
                    if (max) {
                        for (; c < upper; c += LANES) {
                            FloatVector acc = FloatVector.fromArray(F, src, in + c);
                            int at = in;
                            int kx = 0;
                            for (int t = 1; t < taps; t++) {
                                at += channels;
                                if (++kx == cols) {
                                    kx = 0;
                                    at += rowJump;
                                }
                                acc = acc.lanewise(MAX, FloatVector.fromArray(F, src, at + c));
                            }
                            acc.intoArray(dst, out + c);
                        }
                    } else {
                        float count = taps;
                        for (; c < upper; c += LANES) {
                            FloatVector acc = FloatVector.fromArray(F, src, in + c);
                            int at = in;
                            int kx = 0;
                            for (int t = 1; t < taps; t++) {
                                at += channels;
                                if (++kx == cols) {
                                    kx = 0;
                                    at += rowJump;
                                }
                                acc = acc.add(FloatVector.fromArray(F, src, at + c));
                            }
                            acc.div(count).intoArray(dst, out + c);
                        }
                    }
                    for (; c < channels; c++) {
                        float acc = src[in + c];
                        for (int ky = 0; ky < rows; ky++) {
                            for (int kx = ky == 0 ? 1 : 0; kx < cols; kx++) {
                                float x = src[in + ky * rowStride + kx * channels + c];
                                acc = max ? Math.max(acc, x) : acc + x;
                            }
                        }
                        dst[out + c] = max ? acc : acc / (rows * cols);
                    }
                }
            }
        }
    }
}
