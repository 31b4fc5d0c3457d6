package io.nnport.kernels.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Locale;

/**
 * The named tolerance tiers of the kernel tests, in one place. Whole tensors are compared, never
 * sums; a failure names the first bad index, expected and actual values, the number of outliers and
 * the caller's context (kernel, shape).
 *
 * <ul>
 *   <li>{@link #EXACT}: bit-for-bit up to the sign of zero; pooling, ReLU, copies, and every kernel
 *       whose vector and scalar twins perform the same float operations in the same order (GEMM's
 *       fma chain).</li>
 *   <li>{@link #CLOSE}: relative 1e-6 (a few ulps); elementwise arithmetic.</li>
 *   <li>{@link #APPROX}: atol 1e-4, rtol 5e-4; reordered sums.</li>
 *   <li>{@link #ulps(int)}: at most n ulps of the expected value; exp, tanh and friends.</li>
 * </ul>
 */
public record Tolerance(String name, double atol, double rtol, int ulps) {

    public static final Tolerance EXACT = new Tolerance("EXACT", 0, 0, 0);
    public static final Tolerance CLOSE = new Tolerance("CLOSE", 1e-6, 1e-6, 0);
    public static final Tolerance APPROX = new Tolerance("APPROX", 1e-4, 5e-4, 0);

    /** At most {@code n} units in the last place of the expected value (or atol 1e-30 near zero). */
    public static Tolerance ulps(int n) {
        return new Tolerance("ULP(" + n + ")", 0, 0, n);
    }

    /** True when {@code actual} is within this tier of {@code expected}; NaN matches NaN only. */
    public boolean accepts(float expected, float actual) {
        if (Float.isNaN(expected) || Float.isNaN(actual)) {
            return Float.isNaN(expected) && Float.isNaN(actual);
        }
        if (expected == actual) {
            return true; // also equal infinities, and +0 == -0
        }
        if (Float.isInfinite(expected) || Float.isInfinite(actual)) {
            return false;
        }
        double diff = Math.abs((double) expected - actual);
        if (ulps > 0) {
            return diff <= ulps * (double) Math.ulp(expected);
        }
        return diff <= atol + rtol * Math.abs(expected);
    }

    /** Asserts {@code actual[aOff + i]} matches {@code expected[eOff + i]} for i in [0, n). */
    public void assertMatches(float[] expected, int eOff, float[] actual, int aOff, int n, String context) {
        int outliers = 0;
        int first = -1;
        double worst = 0;
        for (int i = 0; i < n; i++) {
            float e = expected[eOff + i];
            float a = actual[aOff + i];
            if (!accepts(e, a)) {
                if (first < 0) {
                    first = i;
                }
                outliers++;
                worst = Math.max(worst, Math.abs((double) e - a));
            }
        }
        if (outliers > 0) {
            fail(String.format(Locale.ROOT,
                    "%s: %d of %d values outside %s; first at index %d: expected %s, actual %s; worst |diff| %.3g",
                    context, outliers, n, name, first, expected[eOff + first], actual[aOff + first], worst));
        }
    }

    /** Asserts two whole arrays match. */
    public void assertMatches(float[] expected, float[] actual, String context) {
        if (expected.length != actual.length) {
            fail(context + ": length " + actual.length + " != expected " + expected.length);
        }
        assertMatches(expected, 0, actual, 0, expected.length, context);
    }
}
