package io.nnport.kernels.prelu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nnport.kernels.testing.Data;
import io.nnport.kernels.testing.Tolerance;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link PRelu} (vector when available) against {@link PReluScalar}, and by hand. */
class PReluTest {

    private static final float SENTINEL = -12345.5f;

    @Test
    void vectorMatchesScalarOnEveryChannelCountAndOffset() {
        Random random = Data.random(41);
        for (int channels : Data.lengths()) {
            if (channels == 0) {
                continue;
            }
            for (int rows : new int[] {0, 1, 3}) {
                int off = 5;
                int n = rows * channels;
                float[] alpha = Data.uniform(random, channels, -0.5f, 1.5f);
                float[] src = Data.withSpecials(Data.uniform(random, off + n + 2, -4f, 4f));
                float[] expected = filled(off + n + 2);
                float[] actual = filled(off + n + 2);
                PReluScalar.apply(alpha, channels, src, off, expected, off, rows);
                PRelu.apply(alpha, channels, src, off, actual, off, rows);
                String context = "prelu rows=" + rows + " channels=" + channels;
                Tolerance.EXACT.assertMatches(expected, actual, context);

                float[] inPlace = src.clone();
                PRelu.apply(alpha, channels, inPlace, off, inPlace, off, rows);
                Tolerance.EXACT.assertMatches(expected, off, inPlace, off, n, context + " in place");
                assertArrayEquals(Arrays.copyOf(src, off), Arrays.copyOf(inPlace, off), context + " before the range");
            }
        }
    }

    @Test
    void byHand() {
        float[] alpha = {0.5f, -2f, 0f};
        float[] x = {-4f, -4f, -4f, 3f, 3f, 3f, -0f, Float.NaN, Float.NEGATIVE_INFINITY};
        float[] y = new float[x.length];
        PRelu.apply(alpha, 3, x, 0, y, 0, 3);
        assertArrayEquals(new float[] {-2f, 8f, -0f, 3f, 3f, 3f, -0f, Float.NaN, Float.NaN}, y);
        // One slope shared by every channel (Keras shared_axes covering all axes).
        float[] z = new float[40];
        float[] src = new float[40];
        for (int i = 0; i < 40; i++) {
            src[i] = i - 20;
        }
        PRelu.apply(new float[] {0.25f}, 1, src, 0, z, 0, 40);
        for (int i = 0; i < 40; i++) {
            assertArrayEquals(new float[] {i < 20 ? 0.25f * (i - 20) : i - 20}, new float[] {z[i]}, "index " + i);
        }
    }

    @Test
    void rejectsBadArguments() {
        float[] a = new float[12];
        assertThrows(IllegalArgumentException.class, () -> PRelu.apply(a, 0, a, 0, a, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> PRelu.apply(new float[2], 3, a, 0, a, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> PRelu.apply(a, 3, a, 1, a, 0, 4));
    }

    private static float[] filled(int n) {
        float[] a = new float[n];
        Arrays.fill(a, SENTINEL);
        return a;
    }
}
