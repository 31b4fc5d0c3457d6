package io.nnport.kernels.argmax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nnport.kernels.testing.Data;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link ArgMax} (vector when available) against {@link ArgMaxScalar}, and TensorFlow's rule by hand. */
class ArgMaxTest {

    @Test
    void vectorMatchesScalarOnEveryShape() {
        Random random = Data.random(63);
        int[] sizes = Data.lengths();
        for (int n : sizes) {
            if (n == 0 || n > 300) {
                continue;
            }
            for (int inner : new int[] {1, 2, 3, 7, 8, 16, 17, 33}) {
                int outer = 3;
                int off = 2;
                float[] in = new float[off + outer * n * inner];
                for (int i = 0; i < in.length; i++) {
                    // Few distinct values, so ties are common; specials (NaN, +-inf, -0) mixed in.
                    in[i] = random.nextInt(5) - 2;
                }
                Data.withSpecials(in);
                int[] expected = new int[outer * inner + 1];
                int[] actual = new int[outer * inner + 1];
                Arrays.fill(expected, -7);
                Arrays.fill(actual, -7);
                ArgMaxScalar.argMax(in, off, outer, n, inner, expected, 1);
                ArgMax.argMax(in, off, outer, n, inner, actual, 1);
                assertArrayEquals(expected, actual, "argmax outer=" + outer + " n=" + n + " inner=" + inner);
            }
        }
    }

    @Test
    void tensorFlowsRuleByHand() {
        float nan = Float.NaN;
        float[][] rows = {
            {1, 3, 3, 2},                                    // ties: the first wins
            {nan, 1, nan, 2},                                 // NaN is skipped
            {nan, nan, nan, nan},                             // all NaN: 0
            {Float.NEGATIVE_INFINITY, -Float.MAX_VALUE, Float.NEGATIVE_INFINITY, -Float.MAX_VALUE}, // never beat the start: 0
            {-Float.MAX_VALUE, Float.NEGATIVE_INFINITY, -1e38f, nan},
            {-0f, 0f, -0f, -1},                               // +0 and -0 tie
            {-5, -4, -3, Float.POSITIVE_INFINITY},
        };
        int[] expected = {1, 3, 0, 0, 2, 0, 3};
        for (int r = 0; r < rows.length; r++) {
            int[] out = new int[1];
            ArgMaxScalar.argMax(rows[r], 0, 1, 4, 1, out, 0);
            assertArrayEquals(new int[] {expected[r]}, out, "row " + r + " " + Arrays.toString(rows[r]));
            // The same row repeated into a long one (vector path along the axis): the first copy wins.
            float[] longRow = new float[4 * 25];
            for (int k = 0; k < 25; k++) {
                System.arraycopy(rows[r], 0, longRow, 4 * k, 4);
            }
            ArgMax.argMax(longRow, 0, 1, longRow.length, 1, out, 0);
            assertArrayEquals(new int[] {expected[r]}, out, "row " + r + " repeated");
        }
        // Axis in the middle: [outer=1, n=3, inner=2].
        float[] x = {1, 9, 5, 9, 5, 0};
        int[] out = new int[2];
        ArgMax.argMax(x, 0, 1, 3, 2, out, 0);
        assertArrayEquals(new int[] {1, 0}, out);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> ArgMax.argMax(new float[4], 0, 1, 0, 1, new int[1], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> ArgMax.argMax(new float[4], 1, 1, 4, 1, new int[1], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> ArgMax.argMax(new float[8], 0, 2, 4, 1, new int[1], 0));
    }
}
