package io.nnport.runtime;

import java.util.Locale;

/**
 * nnport's parity contract with TensorFlow, in one place: for every output tensor,
 * {@code max |ours - reference| <= 1e-4 * max(1, max |reference|)}, and for classifier-like outputs
 * (float, last axis longer than 1) the same arg max per row. Used by generated model tests and by
 * the converter's own end-to-end tests.
 */
public final class Parity {

    /** Relative tolerance on the tensor's largest magnitude. */
    public static final double TOLERANCE = 1e-4;

    private Parity() {}

    /**
     * Null when {@code actual} matches {@code expected}; otherwise one line saying where and by how
     * much it does not. {@code rowLength} is the last axis (for the arg max check); 1 or less skips it.
     */
    public static String mismatch(float[] expected, float[] actual, int rowLength) {
        if (expected.length != actual.length) {
            return "length " + actual.length + " != expected " + expected.length;
        }
        double scale = 1;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs((double) e));
        }
        double bound = TOLERANCE * scale;
        double worst = 0;
        int worstAt = -1;
        int outliers = 0;
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs((double) expected[i] - actual[i]);
            boolean bothNaN = Float.isNaN(expected[i]) && Float.isNaN(actual[i]);
            if (!bothNaN && !(diff <= bound) && expected[i] != actual[i]) {
                outliers++;
                if (worstAt < 0 || diff > worst || Double.isNaN(diff)) {
                    worst = diff;
                    worstAt = i;
                }
            }
        }
        if (outliers > 0) {
            return String.format(Locale.ROOT, "%d of %d values differ by more than %.3g; worst at index %d: expected %s, actual %s",
                    outliers, expected.length, bound, worstAt, expected[worstAt], actual[worstAt]);
        }
        if (rowLength > 1 && expected.length % rowLength == 0) {
            for (int r = 0; r < expected.length / rowLength; r++) {
                int e = argmax(expected, r * rowLength, rowLength);
                int a = argmax(actual, r * rowLength, rowLength);
                if (e != a && expected[r * rowLength + e] != expected[r * rowLength + a]) {
                    return "row " + r + ": arg max " + a + " != expected " + e;
                }
            }
        }
        return null;
    }

    /** Exact comparison for integer outputs (indices, ids). */
    public static String mismatch(long[] expected, long[] actual) {
        if (expected.length != actual.length) {
            return "length " + actual.length + " != expected " + expected.length;
        }
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                return "index " + i + ": expected " + expected[i] + ", actual " + actual[i];
            }
        }
        return null;
    }

    private static int argmax(float[] v, int off, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (v[off + i] > v[off + best]) {
                best = i;
            }
        }
        return best;
    }
}
