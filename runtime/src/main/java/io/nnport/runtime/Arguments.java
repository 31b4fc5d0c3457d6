package io.nnport.runtime;

/**
 * Argument checks of generated {@code predict} methods, with messages that name the parameter:
 * a wrong length is the caller's mistake and must say so, not surface as an index error deep in a
 * kernel.
 */
public final class Arguments {

    /** The longest array every JVM allocates (some reserve a few header words below 2^31 - 1). */
    public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private Arguments() {}

    /** The batch size must be at least 1. */
    public static void requireBatch(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, not " + batch);
        }
    }

    /**
     * {@code perSample * batch + extra} elements as the length of one Java array, checked before
     * anything is allocated: an {@link IllegalArgumentException} naming {@code what} and the batch
     * when the product overflows or exceeds {@link #MAX_ARRAY_LENGTH}.
     */
    public static int arrayLength(String what, long perSample, int batch, long extra) {
        requireBatch(batch);
        long n;
        try {
            n = Math.addExact(Math.multiplyExact(perSample, batch), extra);
        } catch (ArithmeticException e) {
            n = Long.MAX_VALUE;
        }
        if (n > MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException("batch " + batch + " is too large: " + what + " would need "
                    + (n == Long.MAX_VALUE ? "more than 2^63" : Long.toString(n)) + " elements, more than one Java array holds ("
                    + MAX_ARRAY_LENGTH + ")");
        }
        return (int) n;
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

    /**
     * Copies a caller's int64 input (token ids) into the int arena, where the model computes on int32:
     * an element outside the int range is the caller's error, named with its index.
     */
    public static void toInts(String name, long[] src, int[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            long v = src[i];
            if (v != (int) v) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + v + " is outside the int32 range this model computes in");
            }
            dst[dstOff + i] = (int) v;
        }
    }
}
