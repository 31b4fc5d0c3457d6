package io.nnport.kernels.norm;

/**
 * The scalar twin of {@link Softmax}: same signatures, no argument checks; the sum of exponentials is
 * accumulated in double, which makes this the accurate reference as well as the fallback.
 */
public final class SoftmaxScalar {

    private SoftmaxScalar() {}

    /** See {@link Softmax#softmax}. */
    public static void softmax(float[] src, int srcOff, float[] dst, int dstOff, int rows, int n) {
        for (int r = 0; r < rows; r++) {
            int s = srcOff + r * n;
            int d = dstOff + r * n;
            float max = max(src, s, n);
            double sum = 0;
            for (int j = 0; j < n; j++) {
                float e = (float) Math.exp(src[s + j] - max);
                dst[d + j] = e;
                sum += e;
            }
            float inv = (float) (1.0 / sum);
            for (int j = 0; j < n; j++) {
                dst[d + j] *= inv;
            }
        }
    }

    /** See {@link Softmax#logSoftmax}. */
    public static void logSoftmax(float[] src, int srcOff, float[] dst, int dstOff, int rows, int n) {
        for (int r = 0; r < rows; r++) {
            int s = srcOff + r * n;
            int d = dstOff + r * n;
            float max = max(src, s, n);
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += (float) Math.exp(src[s + j] - max);
            }
            float logSum = (float) Math.log(sum);
            for (int j = 0; j < n; j++) {
                dst[d + j] = (src[s + j] - max) - logSum;
            }
        }
    }

    static float max(float[] x, int off, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, x[off + j]);
        }
        return max;
    }
}
