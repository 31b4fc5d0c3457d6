package io.nnport.testing;

import io.nnport.ir.DType;
import io.nnport.ir.Tensor;
import io.nnport.kernels.testing.Tolerance;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Whole-tensor comparison under the tolerance tiers every module's tests share ({@link Tolerance}):
 * float elements within the tier, integer, bool and string elements exactly.
 */
public final class TensorAsserts {
    private TensorAsserts() {}

    /**
     * Asserts that {@code actual} matches {@code expected} (dtype, shape, every element); the
     * failure message names the context (op, node), shape, first bad index, expected and actual
     * values and the number of outliers.
     */
    public static void assertMatches(Tolerance tolerance, Tensor expected, Tensor actual, String context) {
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
                ok = tolerance.accepts(expected.getFloat(i), actual.getFloat(i));
                if (!ok) {
                    worst = Math.max(worst, Math.abs((double) expected.getFloat(i) - actual.getFloat(i)));
                }
            } else if (expected.dtype() == DType.STRING) {
                ok = Arrays.equals(expected.getString(i), actual.getString(i));
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
            throw new AssertionError(String.format(Locale.ROOT, "%s: %s mismatch on %s%s: %d of %d elements outside"
                    + " tolerance; first at index %d: expected %s, actual %s; largest abs error %.3g", context,
                    tolerance.name(), expected.dtype(), expected.shape(), outliers, expected.size(), first,
                    value(expected, first), value(actual, first), worst));
        }
    }

    private static String value(Tensor tensor, int i) {
        return switch (tensor.dtype()) {
            case FLOAT32 -> Float.toString(tensor.getFloat(i));
            case BOOL -> Boolean.toString(tensor.getBool(i));
            case STRING -> new String(tensor.getString(i), StandardCharsets.UTF_8);
            default -> Long.toString(tensor.getLong(i));
        };
    }
}
