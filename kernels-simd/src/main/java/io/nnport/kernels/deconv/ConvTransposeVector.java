package io.nnport.kernels.deconv;

import static io.nnport.kernels.vector.Species.F;
import static io.nnport.kernels.vector.Species.LANES;

import io.nnport.kernels.Activation;
import io.nnport.kernels.Epilogue;
import io.nnport.kernels.Window;
import io.nnport.kernels.elementwise.ChannelwiseScalar;
import io.nnport.kernels.elementwise.Elementwise;
import io.nnport.kernels.gemm.Gemm;
import io.nnport.kernels.gemm.Team;
import io.nnport.kernels.vector.VectorMath;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * The vector path of {@link ConvTranspose}: per tap and block of input rows, the GEMM facade into
 * scratch, then a vector col2im add over the output channels; the epilogue's affine and clamp steps
 * in vectors ({@link VectorMath#affineClamp}, the same float operations as {@link Epilogue#apply}),
 * its activation by {@link Elementwise} over the whole output, one loop per activation. Only loaded
 * when {@code Simd.VECTOR}.
 */
final class ConvTransposeVector {

    private ConvTransposeVector() {}

    static void conv2dTranspose(float[] in, int inOff, int batch, PackedConvTranspose layer, Epilogue e,
                                float[] out, int outOff, float[] scratch, int scratchOff, Team team) {
        Window rows = layer.rows();
        Window cols = layer.cols();
        int inH = rows.out();
        int inW = cols.out();
        int cIn = layer.cIn();
        int cOut = layer.cOut();
        int m = batch * inH * inW;
        int block = Math.max(1, Math.min(ConvTranspose.ROW_BLOCK, m));
        int gemmScratch = scratchOff + block * cOut;
        int total = batch * layer.outputSize();
        Arrays.fill(out, outOff, outOff + total, 0f);
        for (int y = 0; y < rows.size(); y++) {
            for (int x = 0; x < cols.size(); x++) {
                int tap = y * cols.size() + x;
                for (int r0 = 0; r0 < m; r0 += block) {
                    int count = Math.min(block, m - r0);
                    Gemm.gemm(count, in, inOff + r0 * cIn, cIn, layer.tap(tap), scratch, scratchOff, cOut,
                            Epilogue.NONE, scratch, gemmScratch, team);
                    col2im(layer, y, x, r0, count, scratch, scratchOff, out, outOff);
                }
            }
        }
        epilogue(e, batch * rows.in() * cols.in(), cOut, out, outOff);
        if (e.activation() != Activation.NONE) {
            Elementwise.apply(e.activation(), e.alpha(), out, outOff, out, outOff, total);
        }
    }

    /** Adds GEMM rows [r0, r0 + count) (input pixels) of tap (y, x) into the output pixels they reach. */
    private static void col2im(PackedConvTranspose layer, int y, int x, int r0, int count, float[] col, int colOff,
                               float[] out, int outOff) {
        Window rows = layer.rows();
        Window cols = layer.cols();
        int inH = rows.out();
        int inW = cols.out();
        int outH = rows.in();
        int outW = cols.in();
        int cOut = layer.cOut();
        int upper = F.loopBound(cOut);
        for (int r = r0; r < r0 + count; r++) {
            int b = r / (inH * inW);
            int ih = r / inW - b * inH;
            int iw = r - (b * inH + ih) * inW;
            int oh = rows.inputIndex(ih, y);
            int ow = cols.inputIndex(iw, x);
            if (oh < 0 || oh >= outH || ow < 0 || ow >= outW) {
                continue;
            }
            int src = colOff + (r - r0) * cOut;
            int dst = outOff + ((b * outH + oh) * outW + ow) * cOut;
            for (int co = 0; co < upper; co += LANES) {
                FloatVector.fromArray(F, out, dst + co).add(FloatVector.fromArray(F, col, src + co))
                        .intoArray(out, dst + co);
            }
            for (int co = upper; co < cOut; co++) {
                out[dst + co] += col[src + co];
            }
        }
    }

    /** Scale, shift and clamp of every output value; nothing when the epilogue has none of them. */
    private static void epilogue(Epilogue e, int pixels, int cOut, float[] out, int outOff) {
        if (e.scale() == null && e.shift() == null && e.clampMin() == Float.NEGATIVE_INFINITY
                && e.clampMax() == Float.POSITIVE_INFINITY) {
            return;
        }
        int upper = F.loopBound(cOut);
        for (int p = 0; p < pixels; p++) {
            int at = outOff + p * cOut;
            for (int co = 0; co < upper; co += LANES) {
                VectorMath.affineClamp(e, FloatVector.fromArray(F, out, at + co), co).intoArray(out, at + co);
            }
            for (int co = upper; co < cOut; co++) {
                out[at + co] = ChannelwiseScalar.affineClamp(e, out[at + co], co);
            }
        }
    }
}
