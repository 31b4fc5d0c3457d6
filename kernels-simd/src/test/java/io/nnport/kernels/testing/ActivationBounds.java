package io.nnport.kernels.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.nnport.kernels.Activation;
import java.util.Locale;

/**
 * How far the vector form of each {@link Activation} may be from its scalar reference
 * {@link Activation#apply} (computed in double and rounded): the bound {@code ActivationAccuracyTest}
 * proves over a dense sweep, and that every kernel applying an activation (elementwise, channelwise,
 * depthwise epilogue) is held to.
 *
 * <ul>
 *   <li>Exact activations and SOFTSIGN, HARD_SIGMOID, SQRT, SQUARE, whose vector form performs the
 *       reference's float operations: {@link Tolerance#EXACT}.</li>
 *   <li>exp, sigmoid, tanh, ELU, SELU, softplus, swish, rsqrt, log: a number of ulps, the maximum
 *       measured on the sweep plus one ulp of margin for the floats between its samples (exp and
 *       rsqrt: checked on every float in [-100, 100], no margin; log: on every non-negative float).</li>
 *   <li>swish, where the result is below 2^-119: 2^-140 absolute instead. There x is below -87.3, the
 *       float sigmoid(x) is subnormal with few significant bits, and TensorFlow's float32 swish
 *       returns 0 outright.</li>
 *   <li>GELU (both forms): {@link Tolerance#CLOSE}. Their references cancel (1 + tanh, 1 + erf) for x
 *       below about -5, and the erf form is itself accurate to 1.5e-7 absolute only.</li>
 * </ul>
 */
public final class ActivationBounds {

    /** swish(x) for x below -87.3 is smaller than this in magnitude. */
    private static final double TINY = 0x1p-119;
    private static final double TINY_ABS = 0x1p-140;

    private ActivationBounds() {}

    /** The ulps allowed for {@code a}, or 0 when it is compared by a {@link #tier(Activation) tier}. */
    public static int ulps(Activation a) {
        return switch (a) {
            case EXP, RSQRT, LOG -> 1;
            case ELU -> 2;
            case SIGMOID, TANH -> 3;
            case SELU, SOFTPLUS -> 4;
            case SWISH -> 5;
            default -> 0;
        };
    }

    /** EXACT or CLOSE for activations not bounded in ulps; null otherwise. */
    public static Tolerance tier(Activation a) {
        if (ulps(a) > 0) {
            return null;
        }
        return a == Activation.GELU_TANH || a == Activation.GELU_ERF ? Tolerance.CLOSE : Tolerance.EXACT;
    }

    /** True when {@code actual} is within {@code a}'s bound of {@code expected}. */
    public static boolean accepts(Activation a, float expected, float actual) {
        Tolerance tier = tier(a);
        if (tier != null) {
            return tier.accepts(expected, actual);
        }
        if (Tolerance.ulps(ulps(a)).accepts(expected, actual)) {
            return true;
        }
        return a == Activation.SWISH && Math.abs(expected) < TINY && Math.abs((double) expected - actual) <= TINY_ABS;
    }

    /** One line naming the bound, for failure messages. */
    public static String describe(Activation a) {
        Tolerance tier = tier(a);
        return tier != null ? tier.name() : "ULP(" + ulps(a) + ")";
    }

    /** Asserts {@code actual[aOff + i]} is within {@code a}'s bound of {@code expected[eOff + i]}. */
    public static void assertMatches(Activation a, float[] expected, int eOff, float[] actual, int aOff, int n,
                                     String context) {
        int outliers = 0;
        int first = -1;
        for (int i = 0; i < n; i++) {
            if (!accepts(a, expected[eOff + i], actual[aOff + i])) {
                first = first < 0 ? i : first;
                outliers++;
            }
        }
        if (outliers > 0) {
            fail(String.format(Locale.ROOT, "%s: %d of %d values outside %s for %s; first at index %d: expected %s,"
                    + " actual %s", context, outliers, n, describe(a), a, first, expected[eOff + first],
                    actual[aOff + first]));
        }
    }
}
