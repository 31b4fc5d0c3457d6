package io.nnport.kernels.cast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nnport.kernels.testing.Data;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Cast} (vector when available) against {@link CastScalar} at every length and offset, and by hand. */
class CastTest {

    private static final int SENTINEL = 0x5EED;

    @Test
    void vectorMatchesScalar() {
        Random random = Data.random(52);
        for (int n : Data.lengths()) {
            int off = 3;
            float[] f = floats(random, off + n, n % 3);
            int[] ints = new int[off + n];
            for (int i = 0; i < ints.length; i++) {
                ints[i] = i % 4 == 0 ? 0 : random.nextInt();
            }
            String context = "n=" + n;

            int[] expected = filledInts(off + n + 2);
            int[] actual = filledInts(off + n + 2);
            CastScalar.floatToInt(f, off, expected, off, n);
            Cast.floatToInt(f, off, actual, off, n);
            assertArrayEquals(expected, actual, "floatToInt " + context);

            CastScalar.floatToBool(f, off, expected, off, n);
            Cast.floatToBool(f, off, actual, off, n);
            assertArrayEquals(expected, actual, "floatToBool " + context);

            CastScalar.intToBool(ints, off, expected, off, n);
            Cast.intToBool(ints, off, actual, off, n);
            assertArrayEquals(expected, actual, "intToBool " + context);
            int[] inPlace = ints.clone();
            Cast.intToBool(inPlace, off, inPlace, off, n);
            assertArrayEquals(Arrays.copyOfRange(expected, off, off + n), Arrays.copyOfRange(inPlace, off, off + n),
                    "intToBool in place " + context);

            float[] expectedF = new float[off + n + 2];
            float[] actualF = new float[off + n + 2];
            CastScalar.intToFloat(ints, off, expectedF, off, n);
            Cast.intToFloat(ints, off, actualF, off, n);
            assertArrayEquals(expectedF, actualF, "intToFloat " + context);
        }
    }

    @Test
    void byHand() {
        float[] f = {2.7f, -2.7f, -0.5f, -0f, 0f, Float.NaN, 3e9f, -3e9f, Float.POSITIVE_INFINITY, 16777217f, 1e-45f};
        int[] i = new int[f.length];
        CastScalar.floatToInt(f, 0, i, 0, f.length);
        assertArrayEquals(new int[] {2, -2, 0, 0, 0, 0, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE,
            16777216, 0}, i);
        CastScalar.floatToBool(f, 0, i, 0, f.length);
        assertArrayEquals(new int[] {1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1}, i);
        int[] ints = {16777217, -16777219, 0, 7, Integer.MIN_VALUE};
        float[] g = new float[ints.length];
        CastScalar.intToFloat(ints, 0, g, 0, ints.length);
        assertArrayEquals(new float[] {16777216f, -16777220f, 0f, 7f, -2147483648f}, g);
        int[] b = new int[ints.length];
        CastScalar.intToBool(ints, 0, b, 0, ints.length);
        assertArrayEquals(new int[] {1, 1, 0, 1, 1}, b);
    }

    @Test
    void rejectsRangesOutsideTheArrays() {
        assertThrows(IndexOutOfBoundsException.class, () -> Cast.floatToInt(new float[4], 1, new int[4], 0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> Cast.intToFloat(new int[4], 0, new float[3], 0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> Cast.intToBool(new int[4], -1, new int[4], 0, 1));
    }

    /**
     * Regime 0: small values with fractions, so whole vectors take the vector path; 1: values around
     * 2^23, where the vector path's exactness ends; 2: anything up to +-3e9 with NaN and infinities.
     */
    private static float[] floats(Random random, int n, int regime) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            float sign = random.nextBoolean() ? 1f : -1f;
            f[i] = switch (regime) {
                case 0 -> (random.nextFloat() - 0.5f) * 200f;
                case 1 -> sign * (0x1p23f - 4f + random.nextInt(16) * 0.5f);
                default -> (random.nextFloat() - 0.5f) * 6e9f;
            };
        }
        if (n > 2) {
            f[n / 2] = -0f;
            f[n - 1] = -0.5f;
        }
        return regime == 2 ? Data.withSpecials(f) : f;
    }

    private static int[] filledInts(int n) {
        int[] a = new int[n];
        Arrays.fill(a, SENTINEL);
        return a;
    }
}
