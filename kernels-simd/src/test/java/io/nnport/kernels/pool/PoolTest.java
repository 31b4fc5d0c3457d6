package io.nnport.kernels.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nnport.kernels.Padding;
import io.nnport.kernels.Window;
import io.nnport.kernels.testing.Data;
import io.nnport.kernels.testing.Tolerance;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Pool} against hand-computed TensorFlow results and against {@link PoolScalar}. */
class PoolTest {

    @Test
    void sameAveragePoolExcludesPaddingFromTheCount() {
        // 3x3 input, 3x3 window, stride 1, SAME: corners average 4 values, edges 6, the centre 9.
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        Window w = Window.pool(3, 3, 1, Padding.SAME);
        float[] y = new float[9];
        Pool.avg2d(w, w, x, 0, y, 0, 1, 1);
        float[] expected = {
            (1 + 2 + 4 + 5) / 4f, (1 + 2 + 3 + 4 + 5 + 6) / 6f, (2 + 3 + 5 + 6) / 4f,
            (1 + 2 + 4 + 5 + 7 + 8) / 6f, 45 / 9f, (2 + 3 + 5 + 6 + 8 + 9) / 6f,
            (4 + 5 + 7 + 8) / 4f, (4 + 5 + 6 + 7 + 8 + 9) / 6f, (5 + 6 + 8 + 9) / 4f,
        };
        assertArrayEquals(expected, y);
        Pool.max2d(w, w, x, 0, y, 0, 1, 1);
        assertArrayEquals(new float[] {5, 6, 6, 8, 9, 9, 8, 9, 9}, y);
    }

    @Test
    void samePaddingPutsTheOddElementAtTheEnd() {
        // in 5, window 2, stride 2, SAME: out 3, one padding element after: windows {0,1} {2,3} {4}.
        float[] x = {1, 3, 5, 9, 7};
        Window w = Window.pool(5, 2, 2, Padding.SAME);
        float[] y = new float[3];
        Pool.avg1d(w, x, 0, y, 0, 1, 1);
        assertArrayEquals(new float[] {2, 7, 7}, y);
        Pool.max1d(w, x, 0, y, 0, 1, 1);
        assertArrayEquals(new float[] {3, 9, 7}, y);
        // in 5, window 4, stride 1, SAME: pad 1 before, 2 after: first window {0,1,2}, last {3,4}.
        Window w4 = Window.pool(5, 4, 1, Padding.SAME);
        float[] z = new float[5];
        Pool.avg1d(w4, x, 0, z, 0, 1, 1);
        assertArrayEquals(new float[] {3, 4.5f, 6, 7, 8}, z);
    }

    @Test
    void validStridedTwoChannelsTwoBatches() {
        // [2, 4, 2] NWC, window 2 stride 2 VALID: out [2, 2, 2]
        float[] x = {1, -1, 2, -2, 3, -3, 4, -4, 10, 0, 20, 0, 30, 0, 40, Float.NaN};
        float[] y = new float[8];
        Window w = Window.pool(4, 2, 2, Padding.VALID);
        Pool.max1d(w, x, 0, y, 0, 2, 2);
        assertArrayEquals(new float[] {2, -1, 4, -3, 20, 0, 40, Float.NaN}, y);
        Pool.avg1d(w, x, 0, y, 0, 2, 2);
        assertArrayEquals(new float[] {1.5f, -1.5f, 3.5f, -3.5f, 15, 0, 35, Float.NaN}, y);
    }

    @Test
    void globalPoolingByHand() {
        // [1, 3 positions, 2 channels]
        float[] x = {1, -5, 4, -6, 7, Float.NEGATIVE_INFINITY};
        float[] y = new float[2];
        Pool.globalAvg(x, 0, y, 0, 1, 3, 2);
        assertArrayEquals(new float[] {4, Float.NEGATIVE_INFINITY}, y);
        Pool.globalMax(x, 0, y, 0, 1, 3, 2);
        assertArrayEquals(new float[] {7, -5}, y);
    }

    @Test
    void matchesScalarTwinOnRandomGeometry() {
        Random random = Data.random(600);
        int[] channels = {1, 3, 4, 7, 8, 15, 16, 17, 31, 33, 64};
        for (int trial = 0; trial < 150; trial++) {
            int c = channels[random.nextInt(channels.length)];
            int batch = random.nextInt(3);
            Window h = randomWindow(random);
            Window w = randomWindow(random);
            int off = random.nextInt(3);
            float[] src = Data.withSpecials(Data.uniform(random, off + batch * h.in() * w.in() * c, -10, 10));
            int n = batch * h.out() * w.out() * c;
            for (boolean max : new boolean[] {true, false}) {
                float[] expected = new float[off + n];
                float[] actual = new float[off + n];
                if (max) {
                    PoolScalar.max2d(h, w, src, off, expected, off, batch, c);
                    Pool.max2d(h, w, src, off, actual, off, batch, c);
                } else {
                    PoolScalar.avg2d(h, w, src, off, expected, off, batch, c);
                    Pool.avg2d(h, w, src, off, actual, off, batch, c);
                }
                Tolerance.EXACT.assertMatches(expected, actual, (max ? "max" : "avg") + " " + h + " " + w + " C=" + c
                        + " batch=" + batch);
            }
        }
    }

    @Test
    void charCnnMaxPoolMatchesScalarTwin() {
        // charCNN max_pooling1d: [B, 1008, 256], pool 3, stride 3, VALID -> [B, 336, 256]
        Random random = Data.random(601);
        Window w = Window.pool(1008, 3, 3, Padding.VALID);
        float[] src = Data.uniform(random, 2 * 1008 * 256, -3, 3);
        float[] expected = new float[2 * 336 * 256];
        float[] actual = new float[expected.length];
        PoolScalar.max1d(w, src, 0, expected, 0, 2, 256);
        Pool.max1d(w, src, 0, actual, 0, 2, 256);
        Tolerance.EXACT.assertMatches(expected, actual, "charCNN max1d");
    }

    @Test
    void globalPoolingMatchesScalarTwin() {
        Random random = Data.random(602);
        for (int c : Data.lengths()) {
            for (int positions : new int[] {1, 2, 7, 49}) {
                float[] src = Data.withSpecials(Data.uniform(random, 1 + 2 * positions * c, -5, 5));
                float[] expected = new float[1 + 2 * c];
                float[] actual = new float[1 + 2 * c];
                PoolScalar.globalAvg(src, 1, expected, 1, 2, positions, c);
                Pool.globalAvg(src, 1, actual, 1, 2, positions, c);
                Tolerance.EXACT.assertMatches(expected, actual, "globalAvg P=" + positions + " C=" + c);
                PoolScalar.globalMax(src, 1, expected, 1, 2, positions, c);
                Pool.globalMax(src, 1, actual, 1, 2, positions, c);
                Tolerance.EXACT.assertMatches(expected, actual, "globalMax P=" + positions + " C=" + c);
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        Window w = Window.pool(4, 2, 2, Padding.VALID);
        assertThrows(IndexOutOfBoundsException.class, () -> Pool.max1d(w, new float[7], 0, new float[4], 0, 1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> Pool.max1d(w, new float[8], 0, new float[3], 0, 1, 2));
        Window dilated = new Window(4, 2, 1, 2, Padding.VALID);
        assertThrows(IllegalArgumentException.class, () -> Pool.max1d(dilated, new float[8], 0, new float[8], 0, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> Pool.globalAvg(new float[8], 0, new float[8], 0, 1, 0, 2));
    }

    private static Window randomWindow(Random random) {
        int size = 1 + random.nextInt(4);
        Padding padding = random.nextBoolean() ? Padding.SAME : Padding.VALID;
        int in = (padding == Padding.VALID ? size : 1) + random.nextInt(9);
        return Window.pool(in, size, 1 + random.nextInt(3), padding);
    }
}
