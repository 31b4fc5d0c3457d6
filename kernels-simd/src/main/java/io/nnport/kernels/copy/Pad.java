package io.nnport.kernels.copy;

import io.nnport.kernels.Dims;
import java.util.Arrays;

/**
 * Constant padding (TF Pad/PadV2 in CONSTANT mode), as planned by a {@link PadPlan}. Scalar only by
 * design (see the {@linkplain io.nnport.kernels.copy package documentation}): each row is a fill, an
 * {@link System#arraycopy} and a fill. Exact; allocates nothing; out must not overlap in.
 */
public final class Pad {

    private Pad() {}

    /**
     * Pads {@code batch} entries of the plan's input shape into its output shape.
     *
     * @throws IllegalArgumentException if batch is negative
     * @throws IndexOutOfBoundsException if in or out is too short
     */
    public static void copy(PadPlan plan, float[] in, int inOff, int batch, float[] out, int outOff) {
        Dims.checkBatch(batch);
        Dims.checkRange(in, inOff, plan.inLength(batch), "pad in");
        Dims.checkRange(out, outOff, plan.outLength(batch), "pad out");
        for (int b = 0; b < batch; b++) {
            walk(plan, 0, in, inOff + b * plan.inSize, out, outOff + b * plan.outSize);
        }
    }

    private static void walk(PadPlan plan, int level, float[] in, int inAt, float[] out, int outAt) {
        int count = plan.dims[level];
        int outStride = plan.outStrides[level];
        int head = plan.pads[level] * outStride;
        int body = count * outStride;
        Arrays.fill(out, outAt, outAt + head, plan.value);
        if (level == plan.dims.length - 1) {
            System.arraycopy(in, inAt, out, outAt + head, count);
        } else {
            int inStride = plan.inStrides[level];
            for (int k = 0; k < count; k++) {
                walk(plan, level + 1, in, inAt + k * inStride, out, outAt + head + k * outStride);
            }
        }
        Arrays.fill(out, outAt + head + body, outAt + head + body + plan.padsAfter[level] * outStride, plan.value);
    }
}
