package io.nnport.kernels.resize;

import io.nnport.kernels.Dims;
import io.nnport.kernels.Simd;

/**
 * Nearest-neighbour resize over NHWC images (TensorFlow's {@code ResizeNearestNeighbor}, Keras
 * UpSampling2D with interpolation nearest; ONNX Resize mode nearest through {@link NearestRule}):
 * output pixel (y, x) is a copy of input pixel (rowSource[y], colSource[x]) of the
 * {@link NearestPlan}, all channels. Copies only, so every value (NaN payloads and -0 included)
 * arrives unchanged.
 *
 * <p>Runs on the Vector API when {@link Simd#VECTOR} (a pixel's channels in whole vectors, an
 * output row that repeats the previous one as one array copy), else on {@link ResizeNearestScalar};
 * both copy the same values. Never in place (an upsampled image is larger than its input);
 * allocates nothing.
 */
public final class ResizeNearest {

    private ResizeNearest() {}

    /**
     * Resizes {@code batch} images [inH, inW, C] at {@code in[inOff]} into [outH, outW, C] at
     * {@code out[outOff]} (written, never read); out must not overlap in.
     *
     * @throws IllegalArgumentException if batch is negative
     * @throws IndexOutOfBoundsException if in or out is too short
     */
    public static void resize(NearestPlan plan, float[] in, int inOff, int batch, float[] out, int outOff) {
        Dims.checkBatch(batch);
        Dims.checkRange(in, inOff, (long) batch * plan.inputSize(), "resize in");
        Dims.checkRange(out, outOff, (long) batch * plan.outputSize(), "resize out");
        if (Simd.VECTOR) {
            ResizeNearestVector.resize(plan, in, inOff, batch, out, outOff);
        } else {
            ResizeNearestScalar.resize(plan, in, inOff, batch, out, outOff);
        }
    }
}
