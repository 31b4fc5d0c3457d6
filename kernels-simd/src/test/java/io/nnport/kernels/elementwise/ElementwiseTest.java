package io.nnport.kernels.elementwise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nnport.kernels.Activation;
import io.nnport.kernels.testing.ActivationBounds;
import io.nnport.kernels.testing.Data;
import io.nnport.kernels.testing.Tolerance;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link Elementwise} (vector when available) against {@link ElementwiseScalar}, and hand-computed cases. */
class ElementwiseTest {

    private static final float SENTINEL = -12345.5f;

    @ParameterizedTest
    @EnumSource(Activation.class)
    void vectorMatchesScalarOnEveryLengthAndOffset(Activation activation) {
        Random random = Data.random(activation.ordinal());
        for (int n : Data.lengths()) {
            for (int off : new int[] {0, 3}) {
                float[] src = Data.withSpecials(Data.uniform(random, off + n + 2, -8f, 8f));
                float[] expected = filled(off + n + 2);
                float[] actual = filled(off + n + 2);
                ElementwiseScalar.apply(activation, 0.3f, src, off, expected, off, n);
                Elementwise.apply(activation, 0.3f, src, off, actual, off, n);
                String context = activation + " n=" + n + " off=" + off;
                ActivationBounds.assertMatches(activation, expected, off, actual, off, n, context);
                assertUntouched(actual, off, n, context);

                float[] inPlace = src.clone();
                Elementwise.apply(activation, 0.3f, inPlace, off, inPlace, off, n);
                ActivationBounds.assertMatches(activation, expected, off, inPlace, off, n, context + " in place");
                assertArrayEquals(Arrays.copyOf(src, off), Arrays.copyOf(inPlace, off), context + " before the range");
            }
        }
    }

    @Test
    void clampMatchesScalarAtItsLimits() {
        Random random = Data.random(100);
        float[][] limits = {{0f, Float.POSITIVE_INFINITY}, {0f, 6f}, {-1f, 1f}, {2f, 2f},
            {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY}, {Float.NEGATIVE_INFINITY, -0.5f}};
        for (float[] lim : limits) {
            for (int n : Data.lengths()) {
                float[] src = Data.withSpecials(Data.uniform(random, n + 1, -10f, 10f));
                float[] expected = filled(n + 1);
                float[] actual = filled(n + 1);
                ElementwiseScalar.clamp(lim[0], lim[1], src, 1, expected, 1, n);
                Elementwise.clamp(lim[0], lim[1], src, 1, actual, 1, n);
                String context = "clamp(" + lim[0] + ", " + lim[1] + ") n=" + n;
                Tolerance.EXACT.assertMatches(expected, actual, context);
                Elementwise.clamp(lim[0], lim[1], src, 1, src, 1, n);
                Tolerance.EXACT.assertMatches(expected, 1, src, 1, n, context + " in place");
            }
        }
    }

    @Test
    void clampByHand() {
        float[] x = {-7f, -0.5f, 0f, 3f, 6f, 6.5f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        float[] y = new float[x.length];
        Elementwise.clamp(0f, 6f, x, 0, y, 0, x.length);
        assertArrayEquals(new float[] {0f, 0f, 0f, 3f, 6f, 6f, Float.NaN, 6f, 0f}, y);
    }

    @Test
    void scalarReferenceByHand() {
        float[] x = {-3f, -1f, 0f, 1f, 2.5f, 7f};
        assertArrayEquals(new float[] {0f, 0f, 0f, 1f, 2.5f, 6f}, run(Activation.RELU6, 0f, x));
        assertArrayEquals(new float[] {-0.6f, -0.2f, 0f, 1f, 2.5f, 7f}, run(Activation.LEAKY_RELU, 0.2f, x), 1e-7f);
        assertArrayEquals(new float[] {0f, 0.3f, 0.5f, 0.7f, 1f, 1f}, run(Activation.HARD_SIGMOID, 0f, x), 1e-7f);
        assertArrayEquals(new float[] {-0.75f, -0.5f, 0f, 0.5f, 2.5f / 3.5f, 7f / 8f}, run(Activation.SOFTSIGN, 0f, x));
        float[] selu = run(Activation.SELU, 0f, x);
        assertEquals(1.0507009873554805 * 1.6732632423543772 * (Math.exp(-3) - 1), selu[0], 1e-6);
        assertEquals(1.0507009873554805, selu[3], 1e-7);
        assertEquals(-1f, run(Activation.ELU, 0f, new float[] {Float.NEGATIVE_INFINITY})[0]);
        assertEquals(0.5f, run(Activation.SIGMOID, 0f, new float[] {0f})[0]);
        assertEquals((float) Math.log(2), run(Activation.SOFTPLUS, 0f, new float[] {0f})[0]);
        assertEquals(100f, run(Activation.SOFTPLUS, 0f, new float[] {100f})[0]);
        assertEquals(0.5f, run(Activation.RSQRT, 0f, new float[] {4f})[0]);
        assertEquals(0.8411920f, run(Activation.GELU_TANH, 0f, new float[] {1f})[0], 1e-6f);
        assertEquals(0.8413447f, run(Activation.GELU_ERF, 0f, new float[] {1f})[0], 1e-6f);
    }

    @Test
    void rejectsRangesOutsideTheArrays() {
        float[] a = new float[10];
        assertThrows(IndexOutOfBoundsException.class, () -> Elementwise.apply(Activation.RELU, 0f, a, 5, a, 0, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> Elementwise.apply(Activation.RELU, 0f, a, 0, a, -1, 6));
        assertThrows(IllegalArgumentException.class, () -> Elementwise.clamp(1f, 0f, a, 0, a, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Elementwise.clamp(Float.NaN, 0f, a, 0, a, 0, 1));
    }

    private static float[] run(Activation a, float alpha, float[] x) {
        float[] y = new float[x.length];
        Elementwise.apply(a, alpha, x, 0, y, 0, x.length);
        return y;
    }

    static float[] filled(int n) {
        float[] a = new float[n];
        Arrays.fill(a, SENTINEL);
        return a;
    }

    /** Nothing outside {@code [off, off + n)} was written. */
    static void assertUntouched(float[] a, int off, int n, String context) {
        for (int i = 0; i < a.length; i++) {
            if ((i < off || i >= off + n) && a[i] != SENTINEL) {
                throw new AssertionError(context + ": wrote index " + i + " outside [" + off + ", " + (off + n) + ")");
            }
        }
    }
}
