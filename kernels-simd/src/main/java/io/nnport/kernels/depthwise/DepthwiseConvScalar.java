package io.nnport.kernels.depthwise;

import io.nnport.kernels.Epilogue;
import io.nnport.kernels.Window;

/**
 * The scalar twin of {@link DepthwiseConv}: same signature, one fma chain per output value in
 * (ky, kx) order, then {@link Epilogue#apply}; no argument checks.
 */
public final class DepthwiseConvScalar {

    private DepthwiseConvScalar() {}

    /** See {@link DepthwiseConv#apply}. */
    public static void apply(DepthwiseSpec spec, float[] src, int srcOff, float[] dst, int dstOff, int batch) {
        Window h = spec.h();
        Window w = spec.w();
        int cin = spec.channels();
        int mult = spec.multiplier();
        int cout = spec.outChannels();
        float[] filter = spec.filter();
        Epilogue epilogue = spec.epilogue();
        int inH = h.in();
        int inW = w.in();
        int outH = h.out();
        int outW = w.out();
        for (int b = 0; b < batch; b++) {
            for (int oy = 0; oy < outH; oy++) {
                int y0 = oy * h.stride() - h.padBefore();
                int ky0 = DepthwiseSpec.firstTap(h, oy);
                int ky1 = DepthwiseSpec.endTap(h, oy);
                for (int ox = 0; ox < outW; ox++) {
                    int x0 = ox * w.stride() - w.padBefore();
                    int kx0 = DepthwiseSpec.firstTap(w, ox);
                    int kx1 = DepthwiseSpec.endTap(w, ox);
                    int out = dstOff + ((b * outH + oy) * outW + ox) * cout;
                    for (int oc = 0; oc < cout; oc++) {
                        int c = oc / mult;
                        float acc = 0f;
                        for (int ky = ky0; ky < ky1; ky++) {
                            int row = (b * inH + y0 + ky * h.dilation()) * inW;
                            for (int kx = kx0; kx < kx1; kx++) {
                                float x = src[srcOff + (row + x0 + kx * w.dilation()) * cin + c];
                                acc = Math.fma(x, filter[(ky * w.size() + kx) * cout + oc], acc);
                            }
                        }
                        dst[out + oc] = epilogue.apply(acc, oc);
                    }
                }
            }
        }
    }
}
