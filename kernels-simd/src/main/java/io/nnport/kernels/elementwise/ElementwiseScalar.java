package io.nnport.kernels.elementwise;

import io.nnport.kernels.Activation;

/**
 * The scalar twin of {@link Elementwise}: same signatures and semantics, plain Java, no argument
 * checks (the facade checks). It is the reference the vector kernels are tested against and the
 * path used without the incubator module.
 */
public final class ElementwiseScalar {

    private ElementwiseScalar() {}

    /** See {@link Elementwise#apply}. */
    public static void apply(Activation activation, float alpha, float[] src, int srcOff, float[] dst, int dstOff,
                             int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = activation.apply(src[srcOff + i], alpha);
        }
    }

    /** See {@link Elementwise#clamp}. */
    public static void clamp(float min, float max, float[] src, int srcOff, float[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = clamp(src[srcOff + i], min, max);
        }
    }

    /** {@code x < min ? min : (x > max ? max : x)}. */
    static float clamp(float x, float min, float max) {
        return x < min ? min : (x > max ? max : x);
    }
}
