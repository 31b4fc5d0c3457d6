package io.nnport.kernels.depthwise;

import static io.nnport.kernels.vector.Species.F;
import static io.nnport.kernels.vector.Species.LANES;

import io.nnport.kernels.Activation;
import io.nnport.kernels.Epilogue;
import io.nnport.kernels.Window;
import io.nnport.kernels.elementwise.ChannelwiseScalar;
import io.nnport.kernels.elementwise.Elementwise;
import io.nnport.kernels.vector.VectorMath;
import jdk.incubator.vector.FloatVector;

/**
 * The vector twin of {@link DepthwiseConvScalar}, vectorized over output channels: per output pixel
 * and block of LANES output channels, one accumulator vector runs the fma chain over the valid taps
 * (input and filter loads are contiguous in the channel; with a multiplier above 1 the input lanes
 * repeat each input channel and are gathered through {@code inputChannel}); the affine and clamp
 * steps of the epilogue run in registers; a non-clamp activation runs over each finished output row
 * with {@link Elementwise} (see {@code VectorMath.apply} for why). Only loaded when
 * {@code Simd.VECTOR}.
 */
final class DepthwiseConvVector {

    private DepthwiseConvVector() {}

    static void apply(DepthwiseSpec spec, float[] src, int srcOff, float[] dst, int dstOff, int batch) {
        Window h = spec.h();
        Window w = spec.w();
        int cin = spec.channels();
        int mult = spec.multiplier();
        int cout = spec.outChannels();
        float[] filter = spec.filter();
        Epilogue epilogue = spec.epilogue();
        int[] inputChannel = spec.inputChannel;
        int inH = h.in();
        int inW = w.in();
        int outH = h.out();
        int outW = w.out();
        int kw = w.size();
        int upper = F.loopBound(cout);
        Activation activation = epilogue.activation();
        for (int b = 0; b < batch; b++) {
            for (int oy = 0; oy < outH; oy++) {
                int y0 = oy * h.stride() - h.padBefore();
                int ky0 = DepthwiseSpec.firstTap(h, oy);
                int ky1 = DepthwiseSpec.endTap(h, oy);
                int rowOut = dstOff + (b * outH + oy) * outW * cout;
                for (int ox = 0; ox < outW; ox++) {
                    int x0 = ox * w.stride() - w.padBefore();
                    int kx0 = DepthwiseSpec.firstTap(w, ox);
                    int kx1 = DepthwiseSpec.endTap(w, ox);
                    int out = rowOut + ox * cout;
                    int oc = 0;
                    for (; oc < upper; oc += LANES) {
                        FloatVector acc = FloatVector.zero(F);
                        for (int ky = ky0; ky < ky1; ky++) {
                            int row = (b * inH + y0 + ky * h.dilation()) * inW;
                            for (int kx = kx0; kx < kx1; kx++) {
                                int pixel = srcOff + (row + x0 + kx * w.dilation()) * cin;
                                FloatVector x = inputChannel == null ? FloatVector.fromArray(F, src, pixel + oc)
                                        : FloatVector.fromArray(F, src, pixel, inputChannel, oc);
                                acc = x.fma(FloatVector.fromArray(F, filter, (ky * kw + kx) * cout + oc), acc);
                            }
                        }
                        VectorMath.affineClamp(epilogue, acc, oc).intoArray(dst, out + oc);
                    }
                    for (; oc < cout; oc++) {
                        int c = oc / mult;
                        float acc = 0f;
                        for (int ky = ky0; ky < ky1; ky++) {
                            int row = (b * inH + y0 + ky * h.dilation()) * inW;
                            for (int kx = kx0; kx < kx1; kx++) {
                                float x = src[srcOff + (row + x0 + kx * w.dilation()) * cin + c];
                                acc = Math.fma(x, filter[(ky * kw + kx) * cout + oc], acc);
                            }
                        }
                        dst[out + oc] = ChannelwiseScalar.affineClamp(epilogue, acc, oc);
                    }
                }
                if (activation != Activation.NONE) {
                    Elementwise.apply(activation, epilogue.alpha(), dst, rowOut, dst, rowOut, outW * cout);
                }
            }
        }
    }
}
