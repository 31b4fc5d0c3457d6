package io.nnport.kernels.elementwise;

import io.nnport.kernels.Activation;
import io.nnport.kernels.Dims;
import io.nnport.kernels.Simd;

/**
 * Unary elementwise kernels: every {@link Activation} and a clamp, over {@code n} contiguous floats.
 *
 * <p>Layout-free: {@code dst[dstOff + i] = f(src[srcOff + i])} for i in [0, n). In place when
 * {@code src == dst && srcOff == dstOff}; other overlaps are not allowed. Runs on the Vector API when
 * {@link Simd#VECTOR}, otherwise on {@link ElementwiseScalar}, the twin with the same signatures.
 * Vector and scalar agree bit for bit for exact activations and the clamp, within the ulp bounds of
 * {@code VectorMath} for the transcendental ones. Allocates nothing.
 */
public final class Elementwise {

    private Elementwise() {}

    /**
     * {@code dst[i] = activation(src[i], alpha)} with {@link Activation#apply(float, float)}'s formula;
     * {@code alpha} is used by LEAKY_RELU only. In place allowed.
     *
     * @throws IndexOutOfBoundsException if a range lies outside its array
     */
    public static void apply(Activation activation, float alpha, float[] src, int srcOff, float[] dst, int dstOff,
                             int n) {
        Dims.checkRange(src, srcOff, n, "activation src");
        Dims.checkRange(dst, dstOff, n, "activation dst");
        if (Simd.VECTOR) {
            ElementwiseVector.apply(activation, alpha, src, srcOff, dst, dstOff, n);
        } else {
            ElementwiseScalar.apply(activation, alpha, src, srcOff, dst, dstOff, n);
        }
    }

    /**
     * {@code dst[i] = src[i] < min ? min : (src[i] > max ? max : src[i])}: NaN passes through, infinite
     * limits mean no limit (ReLU is {@code clamp(0, +inf)}, ReLU6 {@code clamp(0, 6)}). In place allowed.
     *
     * @throws IllegalArgumentException if {@code !(min <= max)}
     * @throws IndexOutOfBoundsException if a range lies outside its array
     */
    public static void clamp(float min, float max, float[] src, int srcOff, float[] dst, int dstOff, int n) {
        if (!(min <= max)) {
            throw new IllegalArgumentException("clamp needs min <= max, not [" + min + ", " + max + "]");
        }
        Dims.checkRange(src, srcOff, n, "clamp src");
        Dims.checkRange(dst, dstOff, n, "clamp dst");
        if (Simd.VECTOR) {
            ElementwiseVector.clamp(min, max, src, srcOff, dst, dstOff, n);
        } else {
            ElementwiseScalar.clamp(min, max, src, srcOff, dst, dstOff, n);
        }
    }
}
