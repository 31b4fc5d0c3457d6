package io.nnport.kernels.deconv;

import io.nnport.kernels.Epilogue;
import io.nnport.kernels.KernelContext;
import io.nnport.kernels.Window;
import io.nnport.kernels.gemm.PackedB;
import java.util.Arrays;

/**
 * The scalar twin of {@link ConvTranspose}: direct loops in the facade's summation order (taps
 * outermost; per tap, each reached output value gets one fma chain over ci ascending from +0 added
 * to it), then {@link Epilogue#apply}. Same signature; scratch and team are unused; no argument
 * checks (the facade checks).
 */
public final class ConvTransposeScalar {

    private ConvTransposeScalar() {}

    /** See {@link ConvTranspose#conv2dTranspose}; its context is unused. */
    public static void conv2dTranspose(float[] in, int inOff, int batch, PackedConvTranspose layer, Epilogue e,
                                       float[] out, int outOff, KernelContext ctx) {
        Window rows = layer.rows();
        Window cols = layer.cols();
        int inH = rows.out();
        int inW = cols.out();
        int outH = rows.in();
        int outW = cols.in();
        int cIn = layer.cIn();
        int cOut = layer.cOut();
        Arrays.fill(out, outOff, outOff + batch * layer.outputSize(), 0f);
        for (int y = 0; y < rows.size(); y++) {
            for (int x = 0; x < cols.size(); x++) {
                PackedB w = layer.tap(y * cols.size() + x);
                float[] wd = w.data();
                for (int b = 0; b < batch; b++) {
                    for (int ih = 0; ih < inH; ih++) {
                        int oh = rows.inputIndex(ih, y);
                        if (oh < 0 || oh >= outH) {
                            continue;
                        }
                        for (int iw = 0; iw < inW; iw++) {
                            int ow = cols.inputIndex(iw, x);
                            if (ow < 0 || ow >= outW) {
                                continue;
                            }
                            int src = inOff + ((b * inH + ih) * inW + iw) * cIn;
                            int dst = outOff + ((b * outH + oh) * outW + ow) * cOut;
                            for (int co = 0; co < cOut; co++) {
                                float acc = 0f;
                                for (int ci = 0; ci < cIn; ci++) {
                                    acc = Math.fma(in[src + ci], wd[w.index(ci, co)], acc);
                                }
                                out[dst + co] += acc;
                            }
                        }
                    }
                }
            }
        }
        int pixels = batch * outH * outW;
        for (int p = 0; p < pixels; p++) {
            int at = outOff + p * cOut;
            for (int co = 0; co < cOut; co++) {
                out[at + co] = e.apply(out[at + co], co);
            }
        }
    }
}
