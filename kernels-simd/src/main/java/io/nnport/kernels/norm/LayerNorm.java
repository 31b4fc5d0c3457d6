package io.nnport.kernels.norm;

import io.nnport.kernels.Dims;
import io.nnport.kernels.Simd;

/**
 * Layer normalization over the last axis of a row-major [rows, n] block (Keras LayerNormalization with
 * axis=-1; rows = batch x all other axes):
 *
 * <pre>
 *   mean = sum_j x[j] / n
 *   var  = sum_j (x[j] - mean)^2 / n                  (two passes, as tf.nn.moments)
 *   r    = 1 / sqrt(var + epsilon)
 *   y[j] = (x[j] - mean) * (r * gamma[j]) + beta[j]   gamma == null: 1, beta == null: 0
 * </pre>
 *
 * In place when {@code src == dst && srcOff == dstOff}. Vector ({@link Simd#VECTOR}) and
 * {@link LayerNormScalar} differ only in the order of the two sums (float lanes vs double). Allocates
 * nothing.
 */
public final class LayerNorm {

    private LayerNorm() {}

    /**
     * Normalizes each of {@code rows} rows of {@code n} floats.
     *
     * @param gamma per-feature scale of length &gt;= n, or null
     * @param beta  per-feature offset of length &gt;= n, or null
     * @throws IllegalArgumentException if epsilon is negative or NaN, or gamma/beta are too short
     * @throws IndexOutOfBoundsException if a block lies outside its array
     */
    public static void apply(float epsilon, float[] gamma, float[] beta, float[] src, int srcOff, float[] dst,
                             int dstOff, int rows, int n) {
        if (!(epsilon >= 0f)) {
            throw new IllegalArgumentException("epsilon must be >= 0, not " + epsilon);
        }
        if (rows < 0 || n < 0) {
            throw new IllegalArgumentException("rows and n must be >= 0, not " + rows + ", " + n);
        }
        if ((gamma != null && gamma.length < n) || (beta != null && beta.length < n)) {
            throw new IllegalArgumentException("layer norm over " + n + " features needs gamma and beta of at least"
                    + " that length");
        }
        Dims.checkRange(src, srcOff, (long) rows * n, "layer norm src");
        Dims.checkRange(dst, dstOff, (long) rows * n, "layer norm dst");
        if (Simd.VECTOR) {
            LayerNormVector.apply(epsilon, gamma, beta, src, srcOff, dst, dstOff, rows, n);
        } else {
            LayerNormScalar.apply(epsilon, gamma, beta, src, srcOff, dst, dstOff, rows, n);
        }
    }
}
