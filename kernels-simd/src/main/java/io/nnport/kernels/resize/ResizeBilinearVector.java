package io.nnport.kernels.resize;

import static io.nnport.kernels.vector.Species.F;
import static io.nnport.kernels.vector.Species.LANES;

import jdk.incubator.vector.FloatVector;

/**
 * The vector twin of {@link ResizeBilinearScalar}: per output pixel, whole vectors of channels
 * through the same mul and add (never fma), the channels past the last whole vector through the
 * scalar pixel loop. Only loaded when {@code Simd.VECTOR}.
 */
final class ResizeBilinearVector {

    private ResizeBilinearVector() {}

    static void resize(BilinearPlan plan, float[] in, int inOff, int batch, float[] out, int outOff) {
        int channels = plan.channels;
        int upper = F.loopBound(channels);
        for (int b = 0; b < batch; b++) {
            int image = inOff + b * plan.inputSize();
            int o = outOff + b * plan.outputSize();
            for (int y = 0; y < plan.outH; y++) {
                int top = image + plan.rowLower[y];
                int bottom = image + plan.rowUpper[y];
                float yLerp = plan.rowLerp[y];
                for (int x = 0; x < plan.outW; x++) {
                    int left = plan.colLower[x];
                    int right = plan.colUpper[x];
                    float xLerp = plan.colLerp[x];
                    for (int c = 0; c < upper; c += LANES) {
                        FloatVector topLeft = FloatVector.fromArray(F, in, top + left + c);
                        FloatVector topRight = FloatVector.fromArray(F, in, top + right + c);
                        FloatVector bottomLeft = FloatVector.fromArray(F, in, bottom + left + c);
                        FloatVector bottomRight = FloatVector.fromArray(F, in, bottom + right + c);
                        FloatVector upperRow = topRight.sub(topLeft).mul(xLerp).add(topLeft);
                        FloatVector lowerRow = bottomRight.sub(bottomLeft).mul(xLerp).add(bottomLeft);
                        lowerRow.sub(upperRow).mul(yLerp).add(upperRow).intoArray(out, o + c);
                    }
                    ResizeBilinearScalar.pixel(in, top, bottom, left, right, xLerp, yLerp, upper, channels, out, o);
                    o += channels;
                }
            }
        }
    }
}
