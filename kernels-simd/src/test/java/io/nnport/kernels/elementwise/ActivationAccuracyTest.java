package io.nnport.kernels.elementwise;

import static org.junit.jupiter.api.Assertions.fail;

import io.nnport.kernels.Activation;
import io.nnport.kernels.Simd;
import io.nnport.kernels.testing.ActivationBounds;
import io.nnport.kernels.testing.Data;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Accuracy of the vector activations ({@code VectorMath}) against the scalar reference
 * {@link Activation#apply}, computed in double, over a dense sweep of float bit patterns: every 512th
 * float from the smallest subnormal to 100 on both signs (about 4.4 million inputs: subnormals, tiny,
 * ordinary and saturating arguments), plus infinities, NaN and the largest floats. The bounds are
 * {@link ActivationBounds}. Runs through {@link Elementwise}, so at every vector width, and on the
 * scalar path (where it holds trivially).
 */
class ActivationAccuracyTest {

    /** Every 2^9-th float: each binade of every function is sampled 16384 times. */
    private static final int BIT_STRIDE = 1 << 9;
    private static final float[] SWEEP = sweep();

    private static float[] sweep() {
        int top = Float.floatToIntBits(100f);
        int half = (top - 1) / BIT_STRIDE + 1;
        float[] a = new float[2 * half + Data.SPECIALS.length];
        for (int k = 0; k < half; k++) {
            float x = Float.intBitsToFloat(1 + k * BIT_STRIDE);
            a[2 * k] = x;
            a[2 * k + 1] = -x;
        }
        System.arraycopy(Data.SPECIALS, 0, a, 2 * half, Data.SPECIALS.length);
        return a;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void withinBoundOverDenseSweep(Activation activation) {
        float alpha = 0.2f;
        float[] actual = new float[SWEEP.length];
        Elementwise.apply(activation, alpha, SWEEP, 0, actual, 0, SWEEP.length);
        int outliers = 0;
        int worst = -1;
        double worstUlps = -1;
        for (int i = 0; i < SWEEP.length; i++) {
            float expected = activation.apply(SWEEP[i], alpha);
            if (!ActivationBounds.accepts(activation, expected, actual[i])) {
                outliers++;
                double ulps = Math.abs((double) expected - actual[i]) / Math.ulp(expected);
                if (!(ulps <= worstUlps)) {
                    worstUlps = ulps;
                    worst = i;
                }
            }
        }
        if (outliers > 0) {
            fail(String.format(Locale.ROOT, "%s on %s: %d of %d outside %s; worst at x=%s: expected %s, actual %s"
                    + " (%.1f ulps)", activation, Simd.describe(), outliers, SWEEP.length,
                    ActivationBounds.describe(activation), SWEEP[worst], activation.apply(SWEEP[worst], alpha),
                    actual[worst], worstUlps));
        }
    }
}
