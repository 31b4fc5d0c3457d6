package io.nnport.kernels.testing;

import io.nnport.kernels.Simd;
import java.util.Random;
import java.util.TreeSet;

/** Seeded test data and the sizes the kernel tests sweep. */
public final class Data {

    /** The one seed of the kernel tests; a failure reproduces from the test name alone. */
    public static final long SEED = 0x5EED_2024L;

    private Data() {}

    /** A fresh generator with {@link #SEED} mixed with {@code salt}, so tests do not share sequences. */
    public static Random random(long salt) {
        return new Random(SEED ^ (salt * 0x9E3779B97F4A7C15L));
    }

    /** {@code n} floats uniform in [lo, hi). */
    public static float[] uniform(Random random, int n, float lo, float hi) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = lo + (hi - lo) * random.nextFloat();
        }
        return a;
    }

    /**
     * Lengths around the vector length in use (and around 4, 8, 16, whatever the width, so a scalar
     * run covers the same shapes): 0, 1, tails shorter than a vector, multiples and their neighbours,
     * primes.
     */
    public static int[] lengths() {
        TreeSet<Integer> sizes = new TreeSet<>();
        int[] lanes = {Simd.lanes(), 4, 8, 16};
        for (int l : lanes) {
            for (int k = 1; k <= 3; k++) {
                sizes.add(k * l - 1);
                sizes.add(k * l);
                sizes.add(k * l + 1);
            }
        }
        for (int s : new int[] {0, 1, 2, 3, 5, 7, 13, 31, 97, 257, 1000}) {
            sizes.add(s);
        }
        sizes.remove(-1);
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The special values every elementwise kernel must handle, to be mixed into inputs. */
    public static final float[] SPECIALS = {
        0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE, -Float.MAX_VALUE,
        Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1e-40f, -1e-40f, 1f, -1f, 6f, 100f,
        -100f, 1e30f, -1e30f,
    };

    /** {@code values} with SPECIALS written over every 7th element, so they land in vectors and tails. */
    public static float[] withSpecials(float[] values) {
        for (int i = 0, s = 0; i < values.length; i += 7, s++) {
            values[i] = SPECIALS[s % SPECIALS.length];
        }
        return values;
    }
}
