package io.nnport.testing;

import io.nnport.ir.DType;
import io.nnport.ir.Tensor;

/**
 * The named tolerance tiers, in one place. A float element passes when it is bit-identical, or
 * within {@code atol + rtol * |expected|}, or within {@code ulps} units in the last place. Integer
 * and bool tensors are always compared exactly.
 *
 * <ul>
 * <li>{@link #EXACT}: copies, pooling, ReLU, and single +, -, *, / (computed in double and rounded
 *     once, which is exactly float32 arithmetic).</li>
 * <li>{@link #CLOSE}: elementwise functions rounded differently (1e-6 relative).</li>
 * <li>{@link #APPROX}: reordered sums (conv, matmul, reductions, softmax, batch norm): atol 1e-4,
 *     rtol 5e-4, within the parity bound generated models are held to (the runtime's Parity).</li>
 * <li>{@link #ulp(int)}: transcendental functions, whose float32 implementations in TensorFlow are
 *     within a few ulp.</li>
 * </ul>
 */
public record Tolerance(String name, double atol, double rtol, int ulps) {
    public static final Tolerance EXACT = new Tolerance("EXACT", 0, 0, 0);
    public static final Tolerance CLOSE = new Tolerance("CLOSE", 1e-7, 1e-6, 0);
    public static final Tolerance APPROX = new Tolerance("APPROX", 1e-4, 5e-4, 0);

    public static Tolerance ulp(int n) {
        return new Tolerance("ULP(" + n + ")", 0, 0, n);
    }

    /** True if {@code actual} is within this tier of {@code expected}. */
    public boolean accepts(float expected, float actual) {
        if (Float.floatToIntBits(expected) == Float.floatToIntBits(actual) || expected == actual) {
            return true;
        }
        if (Float.isNaN(expected) || Float.isNaN(actual) || Float.isInfinite(expected) || Float.isInfinite(actual)) {
            return false;
        }
        double error = Math.abs((double) actual - expected);
        if (error <= atol + rtol * Math.abs(expected)) {
            return true;
        }
        return ulps > 0 && error <= ulps * (double) Math.ulp(expected);
    }

    /**
     * Asserts that {@code actual} matches {@code expected} (dtype, shape, every element); the
     * failure message names the context (op, node), shape, first bad index, expected and actual
     * values and the number of outliers.
     */
    public void assertMatches(Tensor expected, Tensor actual, String context) {
        if (expected.dtype() != actual.dtype() || !expected.shape().equals(actual.shape())) {
            throw new AssertionError(context + ": expected " + expected.dtype() + expected.shape() + " but got "
                    + actual.dtype() + actual.shape());
        }
        int outliers = 0;
        int first = -1;
        double worst = 0;
        for (int i = 0; i < expected.size(); i++) {
            boolean ok;
            if (expected.dtype() == DType.FLOAT32) {
                ok = accepts(expected.getFloat(i), actual.getFloat(i));
                if (!ok) {
                    worst = Math.max(worst, Math.abs((double) expected.getFloat(i) - actual.getFloat(i)));
                }
            } else if (expected.dtype() == DType.STRING) {
                ok = java.util.Arrays.equals(expected.getString(i), actual.getString(i));
            } else {
                ok = expected.getLong(i) == actual.getLong(i);
            }
            if (!ok) {
                outliers++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (outliers > 0) {
            throw new AssertionError(String.format("%s: %s mismatch on %s%s: %d of %d elements outside tolerance; first at"
                    + " index %d: expected %s, actual %s; largest abs error %.3g", context, name, expected.dtype(),
                    expected.shape(), outliers, expected.size(), first, value(expected, first), value(actual, first), worst));
        }
    }

    private static String value(Tensor tensor, int i) {
        return switch (tensor.dtype()) {
            case FLOAT32 -> Float.toString(tensor.getFloat(i));
            case BOOL -> Boolean.toString(tensor.getBool(i));
            case STRING -> new String(tensor.getString(i), java.nio.charset.StandardCharsets.UTF_8);
            default -> Long.toString(tensor.getLong(i));
        };
    }
}
