package io.nnport.kernels.resize;

/**
 * The scalar twin of {@link ResizeNearest}: same signature, one plain loop per output value, no
 * argument checks (the facade checks).
 */
public final class ResizeNearestScalar {

    private ResizeNearestScalar() {}

    /** See {@link ResizeNearest#resize}. */
    public static void resize(NearestPlan plan, float[] in, int inOff, int batch, float[] out, int outOff) {
        int channels = plan.channels;
        int o = outOff;
        for (int b = 0; b < batch; b++) {
            int image = inOff + b * plan.inputSize();
            for (int y = 0; y < plan.outH; y++) {
                int row = image + plan.rowSource[y];
                for (int x = 0; x < plan.outW; x++) {
                    int pixel = row + plan.colSource[x];
                    for (int c = 0; c < channels; c++) {
                        out[o++] = in[pixel + c];
                    }
                }
            }
        }
    }
}
