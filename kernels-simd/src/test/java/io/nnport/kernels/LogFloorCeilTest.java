package io.nnport.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.kernels.elementwise.Elementwise;
import io.nnport.kernels.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed cases of LOG, FLOOR and CEIL through {@link Elementwise}, so on the vector path where
 * it is available: each input is repeated to fill whole vectors, and FLOOR/CEIL are compared bit for
 * bit (the sign of a zero result included, which {@link Tolerance#EXACT} would forgive).
 * Dense accuracy sweeps are {@code ActivationAccuracyTest}'s.
 */
class LogFloorCeilTest {

    /** Copies per input: whole vectors at any width up to 512 bits, and a scalar tail after them. */
    private static final int COPIES = 37;

    private static final float BELOW_2_23 = 8388607.5f;

    @Test
    void traits() {
        assertFalse(Activation.LOG.preservesZero());
        assertFalse(Activation.LOG.isExact());
        assertTrue(Activation.FLOOR.preservesZero() && Activation.FLOOR.isExact());
        assertTrue(Activation.CEIL.preservesZero() && Activation.CEIL.isExact());
    }

    @Test
    void floorByHand() {
        float[][] cases = {
            {-0.5f, -1f}, {0.5f, 0f}, {-0f, -0f}, {0f, 0f}, {2.5f, 2f}, {-2.5f, -3f}, {3f, 3f}, {-3f, -3f},
            {BELOW_2_23, 8388607f}, {-BELOW_2_23, -8388608f}, {0x1p23f, 0x1p23f}, {-0x1p23f - 2f, -0x1p23f - 2f},
            {1e30f, 1e30f}, {-1e30f, -1e30f}, {Float.MIN_VALUE, 0f}, {-Float.MIN_VALUE, -1f},
            {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY}, {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY},
            {Float.NaN, Float.NaN}, {0.99999994f, 0f}, {-0.99999994f, -1f}, {2147483648f, 2147483648f},
        };
        assertBits(Activation.FLOOR, cases);
    }

    @Test
    void ceilByHand() {
        float[][] cases = {
            {-0.5f, -0f}, {0.5f, 1f}, {-0f, -0f}, {0f, 0f}, {2.5f, 3f}, {-2.5f, -2f}, {3f, 3f}, {-3f, -3f},
            {BELOW_2_23, 8388608f}, {-BELOW_2_23, -8388607f}, {0x1p23f, 0x1p23f}, {1e30f, 1e30f},
            {Float.MIN_VALUE, 1f}, {-Float.MIN_VALUE, -0f}, {-0.99999994f, -0f},
            {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY}, {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY},
            {Float.NaN, Float.NaN}, {-2147483904f, -2147483904f},
        };
        assertBits(Activation.CEIL, cases);
    }

    @Test
    void logByHand() {
        float[] specials = {0f, -0f, -1f, -Float.MIN_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
            1f};
        float[] expected = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.NaN,
            Float.POSITIVE_INFINITY, Float.NaN, Float.NaN, 0f};
        for (int i = 0; i < specials.length; i++) {
            float[] y = run(Activation.LOG, specials[i]);
            for (float v : y) {
                assertEquals(expected[i], v, "log(" + specials[i] + ")");
            }
        }
        // Powers of two are k ln2 (k = -149: the smallest subnormal), and the split at sqrt(1/2).
        float[][] cases = {
            {0x1p-149f, (float) (-149 * Math.log(2))}, {0x1p-126f, (float) (-126 * Math.log(2))},
            {0x1p127f, (float) (127 * Math.log(2))}, {2f, (float) Math.log(2)}, {0.5f, (float) -Math.log(2)},
            {(float) Math.E, 1f}, {0.70710677f, -0.34657362f}, {0.7071068f, -0.34657356f},
            {1.0000001f, 1.1920928e-7f}, {0.99999994f, -5.9604645e-8f}, {Float.MAX_VALUE, 88.72284f},
        };
        for (float[] c : cases) {
            float[] y = run(Activation.LOG, c[0]);
            Tolerance.ulps(1).assertMatches(filled(c[1]), 0, y, 0, COPIES, "log(" + c[0] + ")");
        }
    }

    private static void assertBits(Activation activation, float[][] cases) {
        for (float[] c : cases) {
            float[] y = run(activation, c[0]);
            for (int i = 0; i < COPIES; i++) {
                assertEquals(Float.floatToIntBits(c[1]), Float.floatToIntBits(y[i]),
                        activation + "(" + c[0] + ") = " + y[i] + " at copy " + i + ", expected " + c[1]);
            }
            assertEquals(Float.floatToIntBits(c[1]), Float.floatToIntBits(activation.apply(c[0], 0f)),
                    activation + " scalar reference of " + c[0]);
        }
    }

    private static float[] run(Activation activation, float x) {
        float[] y = new float[COPIES];
        Elementwise.apply(activation, 0f, filled(x), 0, y, 0, COPIES);
        return y;
    }

    private static float[] filled(float x) {
        float[] a = new float[COPIES];
        java.util.Arrays.fill(a, x);
        return a;
    }
}
