package io.nnport.kernels.argmax;

import io.nnport.kernels.Dims;
import io.nnport.kernels.Simd;

/**
 * TensorFlow's {@code ArgMax} over one axis of a float tensor, int indices out.
 *
 * <p>Layout: the input viewed as {@code [outer, n, inner]} (row-major), the reduced axis in the
 * middle; the output is {@code [outer, inner]}. For an NHWC tensor reduced over axis a,
 * {@code outer = batch * (product of the axes before a)}, {@code n = dim(a)},
 * {@code inner = product of the axes after a} (1 for the last axis, a classifier's argmax).
 *
 * <pre>
 *   best = -Float.MAX_VALUE; index = 0
 *   for i = 0 .. n-1:  if x[i] &gt; best: best = x[i]; index = i
 * </pre>
 *
 * This is TensorFlow's CPU reduction (Eigen's ArgMax reducer, which starts from the lowest float and
 * only replaces it with a strictly greater value), so:
 * <ul>
 *   <li>ties: the first (lowest) index wins; +0 and -0 are equal;</li>
 *   <li>NaN is never the maximum: it is skipped, and a row of NaN only gives 0;</li>
 *   <li>-inf and -Float.MAX_VALUE never replace the start: a row holding nothing greater gives 0.</li>
 * </ul>
 *
 * <p>Runs on the Vector API when {@link Simd#VECTOR} (vectorized over {@code inner}, or along the
 * axis when {@code inner == 1}), else on {@link ArgMaxScalar}; both return the same indices. The
 * output is an int array, so never in place. Allocates nothing.
 */
public final class ArgMax {

    private ArgMax() {}

    /**
     * {@code out[outOff + o*inner + j]} = the index along the axis of the maximum of
     * {@code in[inOff + (o*n + i)*inner + j]}, i &lt; n, by the rule above.
     *
     * @throws IllegalArgumentException if {@code n < 1} (TensorFlow rejects an empty axis) or
     *         {@code outer} or {@code inner} is negative
     * @throws IndexOutOfBoundsException if in or out is too short
     */
    public static void argMax(float[] in, int inOff, int outer, int n, int inner, int[] out, int outOff) {
        if (n < 1 || outer < 0 || inner < 0) {
            throw new IllegalArgumentException("argmax needs n >= 1, outer >= 0, inner >= 0: outer=" + outer
                    + " n=" + n + " inner=" + inner);
        }
        Dims.checkRange(in, inOff, (long) outer * n * inner, "argmax in");
        Dims.checkRange(out, outOff, (long) outer * inner, "argmax out");
        if (Simd.VECTOR) {
            ArgMaxVector.argMax(in, inOff, outer, n, inner, out, outOff);
        } else {
            ArgMaxScalar.argMax(in, inOff, outer, n, inner, out, outOff);
        }
    }
}
