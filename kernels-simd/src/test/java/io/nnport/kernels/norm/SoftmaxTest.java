package io.nnport.kernels.norm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.kernels.testing.Data;
import io.nnport.kernels.testing.Tolerance;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Softmax} and {@link SoftmaxScalar} against a softmax computed here in double, within CLOSE
 * (1e-6 relative + 1e-6 absolute; the sums are in different orders), and hand-computed cases.
 */
class SoftmaxTest {

    @Test
    void largeInputsAreStable() {
        float[] x = {1000f, 1001f, 1002f};
        Softmax.inPlace(x, 0, 1, 3);
        assertArrayEquals(new float[] {0.09003057f, 0.24472847f, 0.66524096f}, x, 1e-7f);
        float[] y = {1000f, 1001f, 1002f};
        Softmax.logSoftmax(y, 0, y, 0, 1, 3);
        assertArrayEquals(new float[] {-2.4076059f, -1.4076059f, -0.4076059f}, y, 1e-6f);
    }

    @Test
    void edgeRowsByHand() {
        float[] x = {Float.NEGATIVE_INFINITY, 0f, 0f, 5f, Float.NaN, 1f, -3f};
        Softmax.softmax(x, 0, x, 0, 1, 3);
        assertArrayEquals(new float[] {0f, 0.5f, 0.5f}, new float[] {x[0], x[1], x[2]});
        Softmax.softmax(x, 3, x, 3, 1, 1);
        assertEquals(1f, x[3]);
        Softmax.softmax(x, 4, x, 4, 1, 3);
        assertTrue(Float.isNaN(x[4]) && Float.isNaN(x[5]) && Float.isNaN(x[6]), "a NaN makes its row NaN");
        float[] allNegInf = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
        Softmax.inPlace(allNegInf, 0, 1, 2);
        assertTrue(Float.isNaN(allNegInf[0]), "all -inf is NaN, as in TensorFlow");
    }

    @Test
    void matchesDoubleReferenceOnEveryLength() {
        Random random = Data.random(700);
        for (int n : Data.lengths()) {
            for (float spread : new float[] {1f, 30f, 300f}) {
                int rows = 1 + random.nextInt(3);
                float[] src = Data.uniform(random, 1 + rows * n, -spread, spread);
                check(src, 1, rows, n, "n=" + n + " spread=" + spread);
            }
        }
    }

    @Test
    void batchOfImageNetLogits() {
        Random random = Data.random(701);
        float[] src = Data.uniform(random, 32 * 1000, -20f, 20f);
        check(src, 0, 32, 1000, "[32, 1000]");
    }

    @Test
    void rejectsBlocksOutsideTheArrays() {
        assertThrows(IndexOutOfBoundsException.class, () -> Softmax.inPlace(new float[7], 0, 2, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> Softmax.logSoftmax(new float[8], 0, new float[7], 0, 2, 4));
    }

    private static void check(float[] src, int off, int rows, int n, String context) {
        float[] soft = new float[src.length];
        float[] logSoft = new float[src.length];
        reference(src, off, rows, n, soft, logSoft);
        float[] scalar = new float[src.length];
        float[] vector = new float[src.length];
        SoftmaxScalar.softmax(src, off, scalar, off, rows, n);
        Softmax.softmax(src, off, vector, off, rows, n);
        Tolerance.CLOSE.assertMatches(soft, off, scalar, off, rows * n, "softmax scalar " + context);
        Tolerance.CLOSE.assertMatches(soft, off, vector, off, rows * n, "softmax " + context);
        float[] inPlace = src.clone();
        Softmax.inPlace(inPlace, off, rows, n);
        Tolerance.CLOSE.assertMatches(soft, off, inPlace, off, rows * n, "softmax in place " + context);

        SoftmaxScalar.logSoftmax(src, off, scalar, off, rows, n);
        Softmax.logSoftmax(src, off, vector, off, rows, n);
        Tolerance.CLOSE.assertMatches(logSoft, off, scalar, off, rows * n, "log-softmax scalar " + context);
        Tolerance.CLOSE.assertMatches(logSoft, off, vector, off, rows * n, "log-softmax " + context);
        inPlace = src.clone();
        Softmax.logSoftmax(inPlace, off, inPlace, off, rows, n);
        Tolerance.CLOSE.assertMatches(logSoft, off, inPlace, off, rows * n, "log-softmax in place " + context);
    }

    private static void reference(float[] x, int off, int rows, int n, float[] soft, float[] logSoft) {
        for (int r = 0; r < rows; r++) {
            int base = off + r * n;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, x[base + j]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += Math.exp(x[base + j] - max);
            }
            for (int j = 0; j < n; j++) {
                soft[base + j] = (float) (Math.exp(x[base + j] - max) / sum);
                logSoft[base + j] = (float) (x[base + j] - max - Math.log(sum));
            }
        }
    }
}
