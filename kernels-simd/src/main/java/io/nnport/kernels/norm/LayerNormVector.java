package io.nnport.kernels.norm;

import static io.nnport.kernels.vector.Species.F;
import static io.nnport.kernels.vector.Species.LANES;
import static jdk.incubator.vector.VectorOperators.ADD;

import jdk.incubator.vector.FloatVector;

/**
 * The vector twin of {@link LayerNormScalar}: the two sums (the first of x - x[0]) in LANES float
 * partial sums, the output
 * pass with the scalar twin's float operations per element. Only loaded when {@code Simd.VECTOR}.
 */
final class LayerNormVector {

    private LayerNormVector() {}

    static void apply(float epsilon, float[] gamma, float[] beta, float[] src, int srcOff, float[] dst, int dstOff,
                      int rows, int n) {
        int upper = F.loopBound(n);
        for (int r = 0; r < rows; r++) {
            int s = srcOff + r * n;
            int d = dstOff + r * n;
            float shift = n > 0 ? src[s] : 0f;
            FloatVector sums = FloatVector.zero(F);
            int j = 0;
            for (; j < upper; j += LANES) {
                sums = sums.add(FloatVector.fromArray(F, src, s + j).sub(shift));
            }
            double sum = sums.reduceLanes(ADD);
            for (; j < n; j++) {
                sum += src[s + j] - shift;
            }
            float mean = (float) (shift + sum / n);
            FloatVector squareSums = FloatVector.zero(F);
            for (j = 0; j < upper; j += LANES) {
                FloatVector dev = FloatVector.fromArray(F, src, s + j).sub(mean);
                squareSums = dev.fma(dev, squareSums);
            }
            double squares = squareSums.reduceLanes(ADD);
            for (; j < n; j++) {
                float dev = src[s + j] - mean;
                squares += dev * dev;
            }
            float rstd = LayerNormScalar.rstd(squares, n, epsilon);
            for (j = 0; j < upper; j += LANES) {
                FloatVector g = gamma == null ? FloatVector.broadcast(F, rstd)
                        : FloatVector.fromArray(F, gamma, j).mul(rstd);
                FloatVector y = FloatVector.fromArray(F, src, s + j).sub(mean).mul(g);
                if (beta != null) {
                    y = y.add(FloatVector.fromArray(F, beta, j));
                }
                y.intoArray(dst, d + j);
            }
            for (; j < n; j++) {
                float g = gamma == null ? rstd : rstd * gamma[j];
                float y = (src[s + j] - mean) * g;
                dst[d + j] = beta == null ? y : y + beta[j];
            }
        }
    }
}
