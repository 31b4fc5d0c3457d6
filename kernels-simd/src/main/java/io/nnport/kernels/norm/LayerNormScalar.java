package io.nnport.kernels.norm;

/**
 * The scalar twin of {@link LayerNorm}: same signature, sums in double, no argument checks. The mean
 * is taken of x - x[0] (the shifted-data form of tf.nn.moments' {@code shift}), so an offset much
 * larger than the spread does not cost the sum its precision.
 */
public final class LayerNormScalar {

    private LayerNormScalar() {}

    /** See {@link LayerNorm#apply}. */
    public static void apply(float epsilon, float[] gamma, float[] beta, float[] src, int srcOff, float[] dst,
                             int dstOff, int rows, int n) {
        for (int r = 0; r < rows; r++) {
            int s = srcOff + r * n;
            int d = dstOff + r * n;
            // Summing x - x[0] keeps the sum's rounding relative to the spread, not to the offset.
            float shift = src[s];
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += src[s + j] - shift;
            }
            float mean = (float) (shift + sum / n);
            double squares = 0;
            for (int j = 0; j < n; j++) {
                float dev = src[s + j] - mean;
                squares += dev * dev;
            }
            float rstd = rstd(squares, n, epsilon);
            for (int j = 0; j < n; j++) {
                float g = gamma == null ? rstd : rstd * gamma[j];
                float y = (src[s + j] - mean) * g;
                dst[d + j] = beta == null ? y : y + beta[j];
            }
        }
    }

    /** 1 / sqrt(var + epsilon) with var = squares / n rounded to float first, as both twins do. */
    static float rstd(double squares, int n, float epsilon) {
        float var = (float) (squares / n);
        return (float) (1.0 / Math.sqrt(var + epsilon));
    }
}
