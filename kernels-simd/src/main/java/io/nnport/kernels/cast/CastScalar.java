package io.nnport.kernels.cast;

/**
 * The scalar twin of {@link Cast}: same signatures and semantics (Java's primitive casts), no
 * argument checks (the facade checks).
 */
public final class CastScalar {

    private CastScalar() {}

    /** See {@link Cast#floatToInt}. */
    public static void floatToInt(float[] src, int srcOff, int[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = (int) src[srcOff + i];
        }
    }

    /** See {@link Cast#intToFloat}. */
    public static void intToFloat(int[] src, int srcOff, float[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = src[srcOff + i];
        }
    }

    /** See {@link Cast#floatToBool}. */
    public static void floatToBool(float[] src, int srcOff, int[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = src[srcOff + i] != 0f ? 1 : 0;
        }
    }

    /** See {@link Cast#intToBool}. */
    public static void intToBool(int[] src, int srcOff, int[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = src[srcOff + i] != 0 ? 1 : 0;
        }
    }
}
