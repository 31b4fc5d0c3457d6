package io.nnport.kernels.gemm;

import io.nnport.kernels.Epilogue;
import io.nnport.kernels.KernelContext;
import io.nnport.kernels.testing.ActivationBounds;
import io.nnport.kernels.testing.Tolerance;
import java.util.Random;

/**
 * One GEMM problem with offsets and leading dimensions wider than the matrices, seeded data, and C
 * pre-filled with NaN so that a variant that reads C, or writes outside the m x n window, differs
 * from the reference.
 */
final class GemmCase {

    static final int A_OFF = 3;
    static final int C_OFF = 5;

    final int m;
    final int k;
    final int n;
    final int lda;
    final int ldc;
    final float[] a;
    final float[] b;

    GemmCase(int m, int k, int n, long seed) {
        this.m = m;
        this.k = k;
        this.n = n;
        this.lda = k + 2;
        this.ldc = n + 3;
        Random random = new Random(seed);
        a = fill(random, A_OFF + Math.max(m, 1) * lda);
        b = fill(random, Math.max(k, 1) * n);
    }

    static float[] fill(Random random, int size) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextFloat() * 2f - 1f;
        }
        return values;
    }

    float[] newC() {
        float[] c = new float[C_OFF + Math.max(m, 1) * ldc + 4];
        java.util.Arrays.fill(c, Float.NaN);
        return c;
    }

    /** C computed by {@code variant} with {@code team}. */
    float[] run(GemmVariant variant, Epilogue e, Team team) {
        PackedB packed = variant.packB(b, 0, n, k, n);
        float[] c = newC();
        float[] scratch = new float[variant.scratchFloatsPerThread(m, k) * team.threads() + 7];
        variant.gemm(m, a, A_OFF, lda, packed, c, C_OFF, ldc, e, KernelContext.of(scratch, 7, team));
        return c;
    }

    /**
     * Asserts {@code variant} agrees with the scalar twin under {@code e}: bit for bit, except that a vector
     * variant's activation is held to the elementwise kernels' bounds ({@link ActivationBounds}).
     */
    void assertMatchesScalar(GemmVariant variant, Epilogue e, Team team) {
        float[] expected = run(GemmVariant.SCALAR, e, Team.SERIAL);
        float[] actual = run(variant, e, team);
        String context = this + " " + variant + " " + describe(e);
        if (variant.isVector()) {
            ActivationBounds.assertMatches(e.activation(), expected, 0, actual, 0, expected.length, context);
        } else {
            Tolerance.EXACT.assertMatches(expected, actual, context);
        }
    }

    static String describe(Epilogue e) {
        return "epilogue(scale=" + (e.scale() != null) + ", shift=" + (e.shift() != null) + ", clamp=["
                + e.clampMin() + ", " + e.clampMax() + "], " + e.activation() + ")";
    }

    @Override
    public String toString() {
        return "gemm m=" + m + " k=" + k + " n=" + n + " lda=" + lda + " ldc=" + ldc;
    }
}
