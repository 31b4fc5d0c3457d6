package io.nnport.kernels.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Packing from a streamed tensor: whatever runs the source cuts it into (mid-row, across panel
 * edges, one element at a time), every element lands where {@link PackedB#index} says, and the
 * padding of a narrow last panel stays zero.
 */
class PackedBRunsTest {

    @Test
    void runsCutAnywhereLandWhereTheLayoutSays() {
        Random random = new Random(16);
        for (int[] shape : new int[][] {{1, 1}, {7, 5}, {33, 17}, {64, 100}, {3, 1}, {0, 9}}) {
            int k = shape[0];
            int n = shape[1];
            float[] b = values(random, k * n);
            for (int nr : new int[] {1, 4, 16, 32}) {
                for (int maxRun : new int[] {1, 3, n, n + 1, 1000}) {
                    PackedB packed = PackedB.packGroups(cut(b, maxRun, random), k, n, 1, nr)[0];
                    assertLaidOut(b, n, 0, packed, "k=" + k + " n=" + n + " nr=" + nr + " runs<=" + maxRun);
                }
            }
        }
    }

    @Test
    void groupsTakeTheirOwnColumnsInOnePass() {
        Random random = new Random(17);
        int k = 21;
        int ldb = 24;
        float[] b = values(random, k * ldb);
        for (int groups : new int[] {1, 2, 3, 4, 6, 24}) {
            PackedB[] packed = PackedB.packGroups(cut(b, 5, random), k, ldb, groups, 4);
            assertEquals(groups, packed.length);
            for (int g = 0; g < groups; g++) {
                assertLaidOut(b, ldb, g * (ldb / groups), packed[g], "groups=" + groups + " g=" + g);
            }
        }
    }

    @Test
    void theArrayPackingAgreesWithTheStreamedOne() {
        Random random = new Random(18);
        float[] b = values(random, 2 + 40 * 50);
        PackedB fromArray = PackedB.pack(b, 2, 50, 40, 45, 16);
        assertLaidOut(Arrays.copyOfRange(b, 2, b.length), 50, 0, fromArray, "array, ldb > n");
    }

    @Test
    void aTensorOfTheWrongSizeIsRefused() {
        float[] b = new float[12];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PackedB.packGroups(FloatRuns.of(b, 0, 12), 5, 3, 1, 4));
        assertEquals("a 5 x 3 matrix needs 15 elements, the tensor has 12", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PackedB.packGroups(FloatRuns.of(b, 0, 12), 3, 4, 3, 4));
    }

    /** Element (p, j) of group matrix {@code packed} is b[p][col0 + j]; panel padding is zero. */
    private static void assertLaidOut(float[] b, int ldb, int col0, PackedB packed, String what) {
        int k = packed.k();
        int n = packed.n();
        float[] data = packed.data();
        int panels = (n + packed.nr() - 1) / packed.nr();
        assertEquals(panels * k * packed.nr(), data.length, what);
        boolean[] written = new boolean[data.length];
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                int at = packed.index(p, j);
                assertEquals(Float.floatToRawIntBits(b[p * ldb + col0 + j]), Float.floatToRawIntBits(data[at]),
                        what + " (" + p + ", " + j + ")");
                written[at] = true;
            }
        }
        for (int i = 0; i < data.length; i++) {
            if (!written[i]) {
                assertEquals(0f, data[i], what + " padding at " + i);
            }
        }
    }

    /** {@code b} as runs of 1 to {@code maxRun} elements, each handed over from a reused buffer. */
    private static FloatRuns cut(float[] b, int maxRun, Random random) {
        return new FloatRuns() {
            @Override
            public long length() {
                return b.length;
            }

            @Override
            public void forEachRun(Sink sink) {
                float[] buffer = new float[maxRun + 2];
                for (int at = 0; at < b.length; ) {
                    int count = Math.min(b.length - at, 1 + random.nextInt(maxRun));
                    System.arraycopy(b, at, buffer, 2, count);
                    sink.accept(buffer, 2, at, count);
                    Arrays.fill(buffer, Float.NaN);
                    at += count;
                }
            }
        };
    }

    private static float[] values(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextFloat() * 2 - 1;
        }
        return v;
    }
}
