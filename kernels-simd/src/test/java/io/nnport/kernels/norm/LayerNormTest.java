package io.nnport.kernels.norm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nnport.kernels.testing.Data;
import io.nnport.kernels.testing.Tolerance;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link LayerNorm} and {@link LayerNormScalar} against a double-precision reference and by hand. */
class LayerNormTest {

    @Test
    void byHand() {
        // mean 2.5, variance 1.25, 1/sqrt(1.25) = 0.8944272
        float[] x = {1, 2, 3, 4};
        float[] y = new float[4];
        LayerNorm.apply(0f, null, null, x, 0, y, 0, 1, 4);
        assertArrayEquals(new float[] {-1.3416408f, -0.4472136f, 0.4472136f, 1.3416408f}, y, 1e-6f);
        LayerNorm.apply(0f, new float[] {1, 2, 1, 1}, new float[] {0, 0, 10, 0}, x, 0, x, 0, 1, 4);
        assertArrayEquals(new float[] {-1.3416408f, -0.8944272f, 10.4472136f, 1.3416408f}, x, 1e-6f);
        float[] constant = {5, 5, 5};
        LayerNorm.apply(1e-3f, null, new float[] {1, 2, 3}, constant, 0, constant, 0, 1, 3);
        assertArrayEquals(new float[] {1, 2, 3}, constant, "a constant row normalizes to beta");
    }

    @Test
    void matchesDoubleReferenceOnEveryLength() {
        Random random = Data.random(800);
        for (int n : Data.lengths()) {
            if (n == 0) {
                continue;
            }
            for (float center : new float[] {0f, 10f}) {
                int rows = 1 + random.nextInt(4);
                float[] src = Data.uniform(random, 2 + rows * n, center - 1, center + 1);
                float[] gamma = Data.uniform(random, n, 0.5f, 1.5f);
                float[] beta = Data.uniform(random, n, -1f, 1f);
                for (boolean affine : new boolean[] {false, true}) {
                    float[] g = affine ? gamma : null;
                    float[] b = affine ? beta : null;
                    float[] expected = reference(1e-5f, g, b, src, 2, rows, n);
                    float[] scalar = new float[src.length];
                    float[] vector = new float[src.length];
                    LayerNormScalar.apply(1e-5f, g, b, src, 2, scalar, 2, rows, n);
                    LayerNorm.apply(1e-5f, g, b, src, 2, vector, 2, rows, n);
                    String context = "n=" + n + " center=" + center + " affine=" + affine;
                    // Off-centre rows: the float mean's rounding (up to 4.8e-7 at 10) is amplified by
                    // 1 / std, as in TensorFlow's float32 layer norm; the twins still agree closely.
                    Tolerance tier = center == 0f ? Tolerance.CLOSE : Tolerance.APPROX;
                    tier.assertMatches(expected, 0, scalar, 2, rows * n, "scalar " + context);
                    tier.assertMatches(expected, 0, vector, 2, rows * n, context);
                    Tolerance.CLOSE.assertMatches(scalar, 2, vector, 2, rows * n, "vector vs scalar " + context);
                    float[] inPlace = src.clone();
                    LayerNorm.apply(1e-5f, g, b, inPlace, 2, inPlace, 2, rows, n);
                    Tolerance.EXACT.assertMatches(vector, 2, inPlace, 2, rows * n, "in place " + context);
                }
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        float[] x = new float[8];
        assertThrows(IllegalArgumentException.class, () -> LayerNorm.apply(-1f, null, null, x, 0, x, 0, 2, 4));
        assertThrows(IllegalArgumentException.class, () -> LayerNorm.apply(1e-3f, new float[3], null, x, 0, x, 0, 2, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> LayerNorm.apply(1e-3f, null, null, x, 1, x, 0, 2, 4));
    }

    private static float[] reference(float eps, float[] gamma, float[] beta, float[] x, int off, int rows, int n) {
        float[] y = new float[rows * n];
        for (int r = 0; r < rows; r++) {
            double mean = 0;
            for (int j = 0; j < n; j++) {
                mean += x[off + r * n + j];
            }
            mean /= n;
            double var = 0;
            for (int j = 0; j < n; j++) {
                double d = x[off + r * n + j] - mean;
                var += d * d;
            }
            var /= n;
            for (int j = 0; j < n; j++) {
                double v = (x[off + r * n + j] - mean) / Math.sqrt(var + eps);
                y[r * n + j] = (float) (v * (gamma == null ? 1 : gamma[j]) + (beta == null ? 0 : beta[j]));
            }
        }
        return y;
    }
}
