package io.nnport.kernels.prelu;

import static io.nnport.kernels.vector.Species.F;
import static io.nnport.kernels.vector.Species.LANES;
import static jdk.incubator.vector.VectorOperators.GT;

import jdk.incubator.vector.FloatVector;

/**
 * The vector twin of {@link PReluScalar}: whole vectors of channels with their slopes, the channels
 * past the last whole vector of a row in scalar code. One slope for every channel (Keras PReLU with
 * all axes shared) runs as one flat loop, so a row of one channel is not all tail. Only loaded when
 * {@code Simd.VECTOR}.
 */
final class PReluVector {

    private PReluVector() {}

    static void apply(float[] alpha, int channels, float[] src, int srcOff, float[] dst, int dstOff, int rows) {
        if (channels == 1) {
            shared(alpha[0], src, srcOff, dst, dstOff, rows);
            return;
        }
        int upper = F.loopBound(channels);
        for (int r = 0; r < rows; r++) {
            int s = srcOff + r * channels;
            int d = dstOff + r * channels;
            for (int c = 0; c < upper; c += LANES) {
                FloatVector x = FloatVector.fromArray(F, src, s + c);
                FloatVector a = FloatVector.fromArray(F, alpha, c);
                x.blend(x.mul(a), x.compare(GT, 0f).not()).intoArray(dst, d + c);
            }
            for (int c = upper; c < channels; c++) {
                float x = src[s + c];
                dst[d + c] = x > 0f ? x : alpha[c] * x;
            }
        }
    }

    private static void shared(float a, float[] src, int srcOff, float[] dst, int dstOff, int n) {
        int upper = F.loopBound(n);
        for (int i = 0; i < upper; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            x.blend(x.mul(a), x.compare(GT, 0f).not()).intoArray(dst, dstOff + i);
        }
        for (int i = upper; i < n; i++) {
            float x = src[srcOff + i];
            dst[dstOff + i] = x > 0f ? x : a * x;
        }
    }
}
