package io.nnport.kernels.prelu;

/**
 * The scalar twin of {@link PRelu}: same signature and semantics, plain loops, no argument checks
 * (the facade checks). The reference the vector kernel is tested against.
 */
public final class PReluScalar {

    private PReluScalar() {}

    /** See {@link PRelu#apply}. */
    public static void apply(float[] alpha, int channels, float[] src, int srcOff, float[] dst, int dstOff, int rows) {
        for (int r = 0; r < rows; r++) {
            int s = srcOff + r * channels;
            int d = dstOff + r * channels;
            for (int c = 0; c < channels; c++) {
                float x = src[s + c];
                dst[d + c] = x > 0f ? x : alpha[c] * x;
            }
        }
    }
}
