package io.nnport.kernels.norm;

import io.nnport.kernels.Dims;
import io.nnport.kernels.Simd;

/**
 * Softmax and log-softmax along the last axis of a row-major [rows, n] block (rows = batch x all other
 * axes), numerically stable:
 *
 * <pre>
 *   m = max_j x[j]
 *   softmax:     y[j] = exp(x[j] - m) * (1 / sum_k exp(x[k] - m))
 *   log-softmax: y[j] = (x[j] - m) - log(sum_k exp(x[k] - m))
 * </pre>
 *
 * In place when {@code src == dst && srcOff == dstOff}. A row holding NaN or +inf, or only -inf,
 * becomes NaN, as in TensorFlow. Vector ({@link Simd#VECTOR}) and {@link SoftmaxScalar} differ by the
 * order of the sum (float lanes vs one double) and by exp's last ulp: within 1e-6 relative.
 * Allocates nothing.
 */
public final class Softmax {

    private Softmax() {}

    /** Softmax of each of {@code rows} rows of {@code n} floats, in place. */
    public static void inPlace(float[] x, int off, int rows, int n) {
        softmax(x, off, x, off, rows, n);
    }

    /**
     * Softmax of each row; in place allowed.
     *
     * @throws IndexOutOfBoundsException if a block lies outside its array
     */
    public static void softmax(float[] src, int srcOff, float[] dst, int dstOff, int rows, int n) {
        check(src, srcOff, dst, dstOff, rows, n);
        if (Simd.VECTOR) {
            SoftmaxVector.softmax(src, srcOff, dst, dstOff, rows, n);
        } else {
            SoftmaxScalar.softmax(src, srcOff, dst, dstOff, rows, n);
        }
    }

    /**
     * Log-softmax of each row; in place allowed.
     *
     * @throws IndexOutOfBoundsException if a block lies outside its array
     */
    public static void logSoftmax(float[] src, int srcOff, float[] dst, int dstOff, int rows, int n) {
        check(src, srcOff, dst, dstOff, rows, n);
        if (Simd.VECTOR) {
            SoftmaxVector.logSoftmax(src, srcOff, dst, dstOff, rows, n);
        } else {
            SoftmaxScalar.logSoftmax(src, srcOff, dst, dstOff, rows, n);
        }
    }

    private static void check(float[] src, int srcOff, float[] dst, int dstOff, int rows, int n) {
        if (rows < 0 || n < 0) {
            throw new IllegalArgumentException("rows and n must be >= 0, not " + rows + ", " + n);
        }
        Dims.checkRange(src, srcOff, (long) rows * n, "softmax src");
        Dims.checkRange(dst, dstOff, (long) rows * n, "softmax dst");
    }
}
