package io.nnport.kernels.elementwise;

import static io.nnport.kernels.vector.Species.F;
import static io.nnport.kernels.vector.Species.LANES;

import io.nnport.kernels.Activation;
import io.nnport.kernels.Epilogue;
import io.nnport.kernels.vector.VectorMath;
import jdk.incubator.vector.FloatVector;

/**
 * The vector twin of {@link ChannelwiseScalar}. Affine and clamp run in registers; a non-clamp
 * activation runs as {@link ElementwiseVector}'s loop over each chunk of rows just written, while the
 * chunk is in L1 (see {@code VectorMath.apply} for why activations get loops of their own).
 * Only loaded when {@code Simd.VECTOR}.
 */
final class ChannelwiseVector {

    /** Rows per activation pass: about 16 KB of output, well inside L1. */
    private static final int CHUNK_FLOATS = 4096;

    private ChannelwiseVector() {}

    static void apply(Epilogue e, float[] src, int srcOff, float[] dst, int dstOff, int rows, int channels) {
        Activation activation = e.activation();
        int chunkRows = Math.max(1, CHUNK_FLOATS / Math.max(1, channels));
        for (int r0 = 0; r0 < rows; r0 += chunkRows) {
            int r1 = Math.min(rows, r0 + chunkRows);
            for (int r = r0; r < r1; r++) {
                row(e, src, srcOff + r * channels, dst, dstOff + r * channels, channels);
            }
            if (activation != Activation.NONE) {
                int start = dstOff + r0 * channels;
                ElementwiseVector.apply(activation, e.alpha(), dst, start, dst, start, (r1 - r0) * channels);
            }
        }
    }

    private static void row(Epilogue e, float[] src, int srcOff, float[] dst, int dstOff, int channels) {
        int upper = F.loopBound(channels);
        int c = 0;
        for (; c < upper; c += LANES) {
            VectorMath.affineClamp(e, FloatVector.fromArray(F, src, srcOff + c), c).intoArray(dst, dstOff + c);
        }
        for (; c < channels; c++) {
            dst[dstOff + c] = ChannelwiseScalar.affineClamp(e, src[srcOff + c], c);
        }
    }
}
