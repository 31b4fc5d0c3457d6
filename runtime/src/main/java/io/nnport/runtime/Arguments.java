package io.nnport.runtime;

/**
 * Argument checks of generated {@code predict} methods, with messages that name the parameter:
 * a wrong length is the caller's mistake and must say so, not surface as an index error deep in a
 * kernel.
 */
public final class Arguments {

    private Arguments() {}

    /** The batch size must be at least 1. */
    public static void requireBatch(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, not " + batch);
        }
    }

    public static void requireLength(String name, float[] array, int length) {
        requireLength(name, array == null ? -1 : array.length, length);
    }

    public static void requireLength(String name, int[] array, int length) {
        requireLength(name, array == null ? -1 : array.length, length);
    }

    public static void requireLength(String name, long[] array, int length) {
        requireLength(name, array == null ? -1 : array.length, length);
    }

    private static void requireLength(String name, int actual, int length) {
        if (actual < 0) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (actual != length) {
            throw new IllegalArgumentException(name + " has " + actual + " elements; this call needs exactly " + length);
        }
    }

    /** Copies int results into a caller's long[] (int64 outputs such as ArgMax's). */
    public static void copy(int[] src, int srcOff, long[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = src[srcOff + i];
        }
    }
}
