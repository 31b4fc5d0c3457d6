package io.nnport.kernels.norm;

import static io.nnport.kernels.vector.Species.F;
import static io.nnport.kernels.vector.Species.LANES;
import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.MAX;

import io.nnport.kernels.vector.VectorMath;
import jdk.incubator.vector.FloatVector;

/**
 * The vector twin of {@link SoftmaxScalar}: three passes per row (max, exp and sum, scale), whole
 * vectors with {@link VectorMath#exp}, the sum in LANES float partial sums, tails scalar. Only loaded
 * when {@code Simd.VECTOR}.
 */
final class SoftmaxVector {

    private SoftmaxVector() {}

    static void softmax(float[] src, int srcOff, float[] dst, int dstOff, int rows, int n) {
        int upper = F.loopBound(n);
        for (int r = 0; r < rows; r++) {
            int s = srcOff + r * n;
            int d = dstOff + r * n;
            float max = max(src, s, n, upper);
            FloatVector sums = FloatVector.zero(F);
            int j = 0;
            for (; j < upper; j += LANES) {
                FloatVector e = VectorMath.exp(FloatVector.fromArray(F, src, s + j).sub(max));
                e.intoArray(dst, d + j);
                sums = sums.add(e);
            }
            float sum = sums.reduceLanes(ADD);
            for (; j < n; j++) {
                float e = (float) Math.exp(src[s + j] - max);
                dst[d + j] = e;
                sum += e;
            }
            float inv = 1f / sum;
            j = 0;
            for (; j < upper; j += LANES) {
                FloatVector.fromArray(F, dst, d + j).mul(inv).intoArray(dst, d + j);
            }
            for (; j < n; j++) {
                dst[d + j] *= inv;
            }
        }
    }

    static void logSoftmax(float[] src, int srcOff, float[] dst, int dstOff, int rows, int n) {
        int upper = F.loopBound(n);
        for (int r = 0; r < rows; r++) {
            int s = srcOff + r * n;
            int d = dstOff + r * n;
            float max = max(src, s, n, upper);
            FloatVector sums = FloatVector.zero(F);
            int j = 0;
            for (; j < upper; j += LANES) {
                sums = sums.add(VectorMath.exp(FloatVector.fromArray(F, src, s + j).sub(max)));
            }
            float sum = sums.reduceLanes(ADD);
            for (; j < n; j++) {
                sum += (float) Math.exp(src[s + j] - max);
            }
            float logSum = (float) Math.log(sum);
            j = 0;
            for (; j < upper; j += LANES) {
                FloatVector.fromArray(F, src, s + j).sub(max).sub(logSum).intoArray(dst, d + j);
            }
            for (; j < n; j++) {
                dst[d + j] = (src[s + j] - max) - logSum;
            }
        }
    }

    private static float max(float[] x, int off, int n, int upper) {
        float max = Float.NEGATIVE_INFINITY;
        int j = 0;
        if (upper > 0) {
            FloatVector m = FloatVector.fromArray(F, x, off);
            for (j = LANES; j < upper; j += LANES) {
                m = m.lanewise(MAX, FloatVector.fromArray(F, x, off + j));
            }
            max = m.reduceLanes(MAX);
        }
        for (; j < n; j++) {
            max = Math.max(max, x[off + j]);
        }
        return max;
    }
}
