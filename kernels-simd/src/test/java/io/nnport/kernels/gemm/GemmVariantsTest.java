package io.nnport.kernels.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.nnport.kernels.Activation;
import io.nnport.kernels.Epilogue;
import io.nnport.kernels.KernelContext;
import io.nnport.kernels.Simd;
import io.nnport.kernels.testing.Tolerance;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every registered variant against the scalar twin, on shapes chosen around its tile and KC. */
class GemmVariantsTest {

    @TestFactory
    Stream<DynamicNode> everyVariantMatchesTheScalarTwinAroundItsTile() {
        return GemmVariant.available().stream().map(variant -> DynamicContainer.dynamicContainer(
                variant + " " + variant.mr() + "x" + variant.nr() + " on " + Simd.describe(),
                shapesAround(variant).stream().map(shape -> dynamicTest("m=" + shape[0] + " k=" + shape[1]
                        + " n=" + shape[2], () -> new GemmCase(shape[0], shape[1], shape[2], 31L * shape[0]
                        + 17L * shape[1] + shape[2]).assertMatchesScalar(variant, BIAS_RELU, Team.SERIAL)))));
    }

    private static final Epilogue BIAS_RELU = Epilogue.bias(ramp(2048)).then(Activation.RELU, 0f);

    /** m and n below, at and above the tile, primes; k = 0, 1, KC - 1, KC, KC + 1 and a prime. */
    private static List<int[]> shapesAround(GemmVariant variant) {
        int mr = variant.mr();
        int nr = variant.nr();
        int[] ms = {1, Math.max(1, mr - 1), mr, mr + 1, 2 * mr + 5, 41};
        int[] ns = {1, Math.max(1, nr - 1), nr, nr + 1, 2 * nr + 3, 67};
        int[] ks = {0, 1, 13, Gemm.KC - 1, Gemm.KC, Gemm.KC + 1};
        List<int[]> shapes = new ArrayList<>();
        for (int k : ks) {
            for (int m : ms) {
                for (int n : ns) {
                    // The full cross product at the long k's costs time and finds nothing the diagonal misses.
                    if (k < Gemm.KC - 1 || (m + n) % 3 == 0 || m == mr || n == nr) {
                        shapes.add(new int[] {m, k, n});
                    }
                }
            }
        }
        shapes.add(new int[] {Gemm.MC + 7, 2 * Gemm.KC + 3, 2 * nr + 1}); // several ic and pc blocks
        shapes.add(new int[] {13, 29, Gemm.NC + nr + 5}); // several jc blocks
        return shapes;
    }

    @TestFactory
    Stream<DynamicNode> everyEpilogueCombination() {
        int n = 45;
        float[] scale = ramp(n);
        float[] shift = ramp(n);
        for (int j = 0; j < n; j++) {
            scale[j] = 0.5f + scale[j];
        }
        List<DynamicNode> tests = new ArrayList<>();
        for (GemmVariant variant : GemmVariant.available()) {
            for (Activation activation : Activation.values()) {
                for (int form = 0; form < 8; form++) {
                    float[] s = (form & 1) != 0 ? scale : null;
                    float[] h = (form & 2) != 0 ? shift : null;
                    boolean clamp = (form & 4) != 0;
                    Epilogue e = new Epilogue(s, h, clamp ? -0.25f : Float.NEGATIVE_INFINITY,
                            clamp ? 0.5f : Float.POSITIVE_INFINITY, Activation.NONE, 0f).then(activation, 0.3f);
                    // Square inputs: EXP, SQRT, RSQRT and SQUARE see positive and negative values; NaN included.
                    tests.add(dynamicTest(variant + " " + GemmCase.describe(e), () -> {
                        GemmCase g = new GemmCase(29, 37, n, 7);
                        g.a[GemmCase.A_OFF + 3] = Float.NaN;
                        g.assertMatchesScalar(variant, e, Team.SERIAL);
                    }));
                }
            }
        }
        return tests.stream();
    }

    @Test
    void nanAndInfinityPropagateIdentically() {
        GemmCase g = new GemmCase(27, 300, 50, 11);
        g.a[GemmCase.A_OFF + 5] = Float.NaN;
        g.a[GemmCase.A_OFF + 2 * g.lda + 7] = Float.POSITIVE_INFINITY;
        g.a[GemmCase.A_OFF + 4 * g.lda + 7] = Float.NEGATIVE_INFINITY;
        g.b[9 * g.n + 3] = Float.POSITIVE_INFINITY; // inf * 0 is NaN, inf * x is inf
        g.b[7 * g.n + 40] = Float.MAX_VALUE; // overflows to inf within the chain
        for (GemmVariant variant : GemmVariant.available()) {
            g.assertMatchesScalar(variant, Epilogue.NONE, Team.SERIAL);
            g.assertMatchesScalar(variant, new Epilogue(null, null, -1f, 1f, Activation.NONE, 0f), Team.SERIAL);
        }
    }

    @Test
    void clampLimitsAreExact() {
        GemmCase g = new GemmCase(20, 3, 40, 5);
        // Products land exactly on the limits: a * 1 with a in {-6, 0, -0, 6} and neighbours.
        float[] edges = {-6f, Math.nextDown(-6f), 0f, -0f, 6f, Math.nextUp(6f), Math.nextDown(6f)};
        for (int i = 0; i < g.a.length; i++) {
            g.a[i] = edges[i % edges.length];
        }
        java.util.Arrays.fill(g.b, 1f);
        for (GemmVariant variant : GemmVariant.available()) {
            g.assertMatchesScalar(variant, Epilogue.NONE.then(Activation.RELU6, 0f), Team.SERIAL);
            g.assertMatchesScalar(variant, new Epilogue(null, null, -6f, 6f, Activation.NONE, 0f), Team.SERIAL);
        }
    }

    @Test
    void packedForTheWrongPanelWidthIsRefused() {
        for (GemmVariant variant : GemmVariant.available()) {
            if (variant.isVector()) {
                PackedB other = PackedB.pack(new float[8], 0, 4, 2, 4, variant.nr() + 1);
                assertThrows(IllegalArgumentException.class, () -> variant.gemm(1, new float[2], 0, 2, other,
                        new float[4], 0, 4, Epilogue.NONE,
                                KernelContext.serial(new float[variant.scratchFloatsPerThread(1, 2)])));
            }
        }
    }

    @Test
    void defaultIsRegistered() {
        assertEquals(true, GemmVariant.available().contains(GemmVariant.DEFAULT));
        assertEquals(Simd.VECTOR, GemmVariant.DEFAULT.isVector());
    }

    @Test
    void randomShapesAgree() {
        Random random = new Random(20240611);
        for (int trial = 0; trial < 12; trial++) {
            int m = 1 + random.nextInt(60);
            int k = random.nextInt(600);
            int n = 1 + random.nextInt(90);
            GemmCase g = new GemmCase(m, k, n, trial);
            for (GemmVariant variant : GemmVariant.available()) {
                g.assertMatchesScalar(variant, BIAS_RELU, Team.SERIAL);
            }
        }
    }

    static float[] ramp(int n) {
        float[] values = new float[n];
        for (int j = 0; j < n; j++) {
            values[j] = (j % 7 - 3) * 0.125f;
        }
        return values;
    }

    static void assertExact(float[] expected, float[] actual, String context) {
        Tolerance.EXACT.assertMatches(expected, actual, context);
    }
}
