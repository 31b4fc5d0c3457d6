package io.nnport.kernels.resize;

import static io.nnport.kernels.vector.Species.F;
import static io.nnport.kernels.vector.Species.LANES;

import jdk.incubator.vector.FloatVector;

/**
 * The vector twin of {@link ResizeNearestScalar}: a pixel's channels are contiguous in input and
 * output, so each output pixel is whole vectors of channels then a scalar tail; an output row that
 * reads the same input row as the one before it (every other row of a 2x upsampling) is a copy of
 * that output row. Only loaded when {@code Simd.VECTOR}.
 */
final class ResizeNearestVector {

    private ResizeNearestVector() {}

    static void resize(NearestPlan plan, float[] in, int inOff, int batch, float[] out, int outOff) {
        int channels = plan.channels;
        int upper = F.loopBound(channels);
        int rowFloats = plan.outW * channels;
        for (int b = 0; b < batch; b++) {
            int image = inOff + b * plan.inputSize();
            int o = outOff + b * plan.outputSize();
            for (int y = 0; y < plan.outH; y++) {
                if (y > 0 && plan.rowSource[y] == plan.rowSource[y - 1]) {
                    System.arraycopy(out, o - rowFloats, out, o, rowFloats);
                    o += rowFloats;
                    continue;
                }
                int row = image + plan.rowSource[y];
                for (int x = 0; x < plan.outW; x++) {
                    int pixel = row + plan.colSource[x];
                    int c = 0;
                    for (; c < upper; c += LANES) {
                        FloatVector.fromArray(F, in, pixel + c).intoArray(out, o + c);
                    }
                    for (; c < channels; c++) {
                        out[o + c] = in[pixel + c];
                    }
                    o += channels;
                }
            }
        }
    }
}
