package io.nnport.kernels.resize;

/**
 * The scalar twin of {@link ResizeBilinear}: same signature and formula, plain loops, no argument
 * checks (the facade checks).
 */
public final class ResizeBilinearScalar {

    private ResizeBilinearScalar() {}

    /** See {@link ResizeBilinear#resize}. */
    public static void resize(BilinearPlan plan, float[] in, int inOff, int batch, float[] out, int outOff) {
        if (plan.isCopy()) {
            System.arraycopy(in, inOff, out, outOff, batch * plan.inputSize());
            return;
        }
        int channels = plan.channels;
        for (int b = 0; b < batch; b++) {
            int image = inOff + b * plan.inputSize();
            int o = outOff + b * plan.outputSize();
            for (int y = 0; y < plan.outH; y++) {
                int top = image + plan.rowLower[y];
                int bottom = image + plan.rowUpper[y];
                float yLerp = plan.rowLerp[y];
                for (int x = 0; x < plan.outW; x++) {
                    pixel(in, top, bottom, plan.colLower[x], plan.colUpper[x], plan.colLerp[x], yLerp, 0, channels,
                            out, o);
                    o += channels;
                }
            }
        }
    }

    /** Channels [from, to) of one output pixel at {@code out[o]}; the vector kernel's tail. */
    static void pixel(float[] in, int top, int bottom, int left, int right, float xLerp, float yLerp, int from,
                      int to, float[] out, int o) {
        for (int c = from; c < to; c++) {
            float topLeft = in[top + left + c];
            float topRight = in[top + right + c];
            float bottomLeft = in[bottom + left + c];
            float bottomRight = in[bottom + right + c];
            float upper = topLeft + (topRight - topLeft) * xLerp;
            float lower = bottomLeft + (bottomRight - bottomLeft) * xLerp;
            out[o + c] = upper + (lower - upper) * yLerp;
        }
    }
}
