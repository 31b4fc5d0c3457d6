package io.nnport.kernels.conv;

import io.nnport.kernels.Epilogue;
import io.nnport.kernels.KernelContext;
import io.nnport.kernels.gemm.Im2col;
import io.nnport.kernels.gemm.PackedB;

/**
 * The scalar twin of {@link Conv}: direct loops over the groups, the output and the filter, with the
 * same signature as {@link Conv#conv2d}. Each output is one fma chain over (kh, kw, cin of its group)
 * ascending from +0, padded taps contributing fma(0, w, acc) exactly as the GEMM's zero-filled im2col
 * slivers do (so a NaN or infinite weight under padding poisons the sum in both), then
 * {@link Epilogue#apply} with the output's channel in the layer.
 */
public final class ConvScalar {

    private ConvScalar() {}

    /** Reference conv2d and conv1d (a 1-D layer is a 2-D one of height 1); its context is unused. */
    public static void conv2d(float[] in, int inOff, int batch, PackedConv conv, Epilogue e, float[] out, int outOff,
                              KernelContext ctx) {
        Im2col view = conv.view();
        int k = view.k();
        int cout = conv.cout();
        int groupCout = conv.groupCout();
        int rows = batch * view.outH() * view.outW();
        for (int g = 0; g < conv.groups(); g++) {
            PackedB w = conv.weights(g);
            float[] wd = w.data();
            int groupIn = inOff + g * conv.groupCin();
            for (int row = 0; row < rows; row++) {
                for (int j = 0; j < groupCout; j++) {
                    float acc = 0f;
                    for (int p = 0; p < k; p++) {
                        acc = Math.fma(view.element(in, groupIn, row, p), wd[w.index(p, j)], acc);
                    }
                    int co = g * groupCout + j;
                    out[outOff + row * cout + co] = e.apply(acc, co);
                }
            }
        }
    }
}
